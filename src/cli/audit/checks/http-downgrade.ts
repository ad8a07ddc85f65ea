// Check: the http:// twin of an https:// frontend is trusted.
import { httpDowngrade } from './hostile-origins.ts';
import { lookalikeCheck } from './lookalike.ts';

export const httpDowngradeCheck = lookalikeCheck({
  id: 'http-origin-trusted',
  title: 'The http:// version of an https:// origin is trusted',
  risk: 'A network attacker can inject script into the plain-http page and use it to read this API as the https site.',
  fix: 'Allow only the https:// origin of the frontend; drop the http:// entry (or the scheme-less pattern).',
  derive: httpDowngrade,
});
