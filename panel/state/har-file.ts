// A HAR file opened in the panel ("Open HAR…" or a drop): read as a stream through the same path as `cors-lens
// har` (src/har/read.ts: the devtools page's assembler, the worker's merge point), its records shown in place of
// the live ones until the user goes back to live capture. The file is hostile: a file that cannot be read gives a
// message and changes nothing already shown; only a file read whole replaces what the panel shows.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { BrowserProfile } from '../../src/engine/types.ts';
import { harNotes, readHarChunks } from '../../src/har/read.ts';
import { HarFormatError } from '../../src/har/scan.ts';
import { LIMITS } from '../../src/shared/limits.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';

/** What the panel needs of a file: a DOM File is one. */
export interface HarSource {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface OpenedHar {
  name: string;
  records: readonly ExchangeRecord[];
  entries: number;
  corsEntries: number;
  /** What the file cannot tell (sanitized, unmarked failures), said in the banner. */
  notes: string[];
  creator: string | null;
  pageUrl: string | null;
  /** The engine profile its records are diagnosed with (src/har/profile.ts). */
  profile: BrowserProfile;
}

export const HAR_LIMIT_MB = Math.round(LIMITS.harFileBytes / (1024 * 1024));

class Superseded extends Error {}

const nameOf = (f: HarSource): string => (f.name.length > 120 ? `${f.name.slice(0, 117)}…` : f.name);

async function* textOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield decoder.decode(value, { stream: true });
    }
    yield decoder.decode();
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

function messageOf(e: unknown): string {
  if (e instanceof HarFormatError) return e.message;
  if (e instanceof RangeError) return 'the file is too large to read here';
  return `the file could not be read (${e instanceof Error ? e.name : 'unknown error'})`;
}

export function createHarFile() {
  const shown = signal<OpenedHar | null>(null);
  const reading = signal<{ name: string; percent: number } | null>(null);
  const error = signal<string | null>(null);
  let generation = 0;

  const open = async (file: HarSource): Promise<void> => {
    const mine = ++generation;
    const name = nameOf(file);
    error.value = null;
    if (file.size > LIMITS.harFileBytes) {
      error.value = `Could not open ${name}: it is ${Math.ceil(file.size / (1024 * 1024))} MB, and the panel opens HAR files up to ${HAR_LIMIT_MB} MB (\`cors-lens har <file>\` reads any size). Nothing shown was changed.`;
      return;
    }
    reading.value = { name, percent: 0 };
    let read = 0;
    try {
      const har = await readHarChunks(textOf(file.stream()), (text) => {
        if (mine !== generation) throw new Superseded();
        read += text.length;
        reading.value = {
          name,
          percent: file.size > 0 ? Math.min(99, Math.round((100 * read) / file.size)) : 0,
        };
      });
      if (mine !== generation) return;
      batch(() => {
        reading.value = null;
        shown.value = {
          name,
          records: har.records,
          entries: har.tally.entries,
          corsEntries: har.tally.corsEntries,
          notes: harNotes(har),
          creator: har.creator,
          pageUrl: har.pageUrl,
          profile: har.profile,
        };
      });
    } catch (e) {
      if (mine !== generation || e instanceof Superseded) return;
      batch(() => {
        reading.value = null;
        error.value = `Could not open ${name}: ${messageOf(e)}. Nothing shown was changed.`;
      });
    }
  };

  return {
    shown: shown as ReadonlySignal<OpenedHar | null>,
    reading: reading as ReadonlySignal<{ name: string; percent: number } | null>,
    error: error as ReadonlySignal<string | null>,
    open,
    /** Back to live capture (also stops a file being read). */
    close: (): void => {
      generation++;
      batch(() => {
        shown.value = null;
        reading.value = null;
        error.value = null;
      });
    },
    dismissError: (): void => {
      error.value = null;
    },
  };
}

export type HarFile = ReturnType<typeof createHarFile>;
