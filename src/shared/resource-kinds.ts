// What each ResourceKind (src/engine/types.ts) is, in the words a developer knows it by: the panel's Kind column and
// filter, the Markdown report and the CLI say it the same way. The key order is the order every list shows them in.
import type { ResourceKind } from '../engine/types.ts';

export const KIND_TITLE: Readonly<Record<ResourceKind, string>> = {
  fetch: 'fetch()',
  xhr: 'XMLHttpRequest',
  eventsource: 'EventSource',
  font: 'a web font (@font-face, or a font preload)',
  script: 'a script (type="module", import(), a worker, or <script crossorigin>)',
  stylesheet: 'a stylesheet with crossorigin',
  image: 'an image with crossorigin',
  audio: 'audio with crossorigin',
  video: 'video with crossorigin',
  track: 'a text track (<track>)',
  other: 'another CORS request (a preload or a worklet)',
};

/** Every kind, in the fixed order lists show them in (so a filter's choices never reshuffle). */
export const RESOURCE_KINDS = Object.keys(KIND_TITLE) as readonly ResourceKind[];

/** Static assets: what a CDN, a bucket or a static file server usually serves (src/fixes: static-asset fixes). */
export const isStaticAsset = (kind: ResourceKind | null | undefined): boolean =>
  kind === 'font' ||
  kind === 'script' ||
  kind === 'stylesheet' ||
  kind === 'image' ||
  kind === 'audio' ||
  kind === 'video' ||
  kind === 'track';
