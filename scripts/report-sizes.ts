// Vite plugin: after a build, print each entry's gzip size (shared chunks counted in every entry that loads them),
// so bundle budgets are visible in every build log.
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface Chunkish {
  type: 'chunk' | 'asset';
  fileName: string;
  code?: string;
  source?: string | Uint8Array;
  imports?: string[];
  isEntry?: boolean;
}

const gz = (s: string | Uint8Array): number => gzipSync(s, { level: 9 }).length;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;

export function reportSizes(): Plugin {
  return {
    name: 'cors-lens:report-sizes',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = bundle as unknown as Record<string, Chunkish>;
      const sizeOf = (f: Chunkish): number => gz(f.code ?? f.source ?? '');
      const closure = (name: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(name)) return seen;
        seen.add(name);
        for (const dep of files[name]?.imports ?? []) closure(dep, seen);
        return seen;
      };
      const lines: string[] = [];
      for (const f of Object.values(files)) {
        if (f.type !== 'chunk' || !f.isEntry) continue;
        const total = [...closure(f.fileName)].reduce((sum, n) => sum + (files[n] ? sizeOf(files[n]) : 0), 0);
        lines.push(`  ${f.fileName.padEnd(48)} ${kb(total).padStart(9)} gzip`);
      }
      this.info(`entry sizes (with shared chunks):\n${lines.sort().join('\n')}`);
    },
  };
}
