// Writes a report to --out; a failure is the user's to fix (a missing directory, no permission): exit 2, one line.
import { writeFileSync } from 'node:fs';
import { UsageError } from './errors.ts';

export function writeOut(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(
      `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}
