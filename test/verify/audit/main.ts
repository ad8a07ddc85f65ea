// `tsx test/verify/audit/main.ts`: the audit pass alone (VERIFY_ONLY selects backends, as for the matrix).
import { TARGETS } from './targets.ts';
import { auditPass } from './pass.ts';

const only = process.env.VERIFY_ONLY?.split(',');
const failed = await auditPass(
  TARGETS.filter((t) => only === undefined || only.includes(t.backend)),
  (s) => process.stdout.write(`${s}\n`),
);
process.exitCode = failed > 0 ? 1 : 0;
