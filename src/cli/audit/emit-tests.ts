import type { Io } from '../io.ts';
import type { AuditResult } from './run.ts';
export function emitTestsFor(r: AuditResult, dir: string, backend: string | null, io: Io): void {
  io.stderr(`${r.base} ${dir} ${backend ?? ''}`);
}
