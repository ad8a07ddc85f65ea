// Check: any subdomain of the frontend's host is trusted with credentials.
import { subdomainOf } from './hostile-origins.ts';
import { lookalikeCheck } from './lookalike.ts';

export const subdomainCredentials = lookalikeCheck({
  id: 'any-subdomain-with-credentials',
  title: 'Every subdomain is trusted with credentials',
  risk: 'One cross-site-scripting hole or taken-over DNS record on any subdomain lets it act as the user on this API.',
  fix: 'List the subdomains that really call the API, exactly; keep wildcard-subdomain patterns for credential-less endpoints.',
  derive: subdomainOf,
  onlyWithCredentials: true,
});
