// Vite plugin: the built manifest exposes no file to web pages. crxjs lists a script imported with `?script&iife`
// (the page scripts the worker registers: src/background/page-scripts.ts) as a web-accessible resource, which
// registerContentScripts does not need and which would let any page probe for the extension by fetching it. The
// entry is removed, and the build fails if any other web-accessible resource appears.
import type { Plugin } from 'vite';

interface Asset {
  type: 'asset' | 'chunk';
  source?: string | Uint8Array;
}

export function noWebAccessibleResources(): Plugin {
  return {
    name: 'cors-lens:no-web-accessible-resources',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const asset = (bundle as unknown as Record<string, Asset | undefined>)['manifest.json'];
        if (asset?.type !== 'asset' || asset.source === undefined) return;
        const text = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
        const manifest = JSON.parse(text) as { web_accessible_resources?: { resources: string[] }[] };
        const left = (manifest.web_accessible_resources ?? []).filter(
          (w) => !w.resources.every((r) => r.startsWith('src/content/')),
        );
        if (left.length)
          this.error(`web_accessible_resources must stay empty, found ${JSON.stringify(left)}`);
        delete manifest.web_accessible_resources;
        asset.source = `${JSON.stringify(manifest, null, 2)}\n`;
      },
    },
  };
}
