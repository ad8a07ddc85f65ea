// Firefox's manifest, derived from manifest.json so the two builds cannot drift: an MV3 event page
// (`background.scripts`: Firefox has no extension service workers), a gecko id (AMO requires one for MV3),
// Firefox 142 as the floor (data_collection_permissions), and no `debugger` permission (Firefox has no
// chrome.debugger: "Chrome's verdict" is a Chrome feature). docs/firefox.md.
import type { ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

// minimum_chrome_version is Chrome's key; web-ext warns about keys Firefox does not know.
const shared = Object.fromEntries(
  Object.entries(manifest).filter(
    ([k]) => !['minimum_chrome_version', 'background', 'optional_permissions'].includes(k),
  ),
) as Omit<typeof manifest, 'minimum_chrome_version' | 'background' | 'optional_permissions'>;
const { background, optional_permissions } = manifest;

export const firefoxManifest: ManifestV3Export = {
  ...shared,
  version: pkg.version,
  background: { scripts: [background.service_worker], type: 'module' },
  optional_permissions: optional_permissions.filter((p) => p !== 'debugger'),
  browser_specific_settings: {
    gecko: {
      id: 'cors-lens@cors-lens.dev',
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['none'] },
    },
  },
};
