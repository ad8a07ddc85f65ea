// The devtools page: loads whenever DevTools opens on a tab (unlike the panel, which loads when first shown).
// It registers the "CORS" panel.
chrome.devtools.panels.create('CORS', '', 'panel/index.html');
