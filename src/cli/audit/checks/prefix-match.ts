// Check: an origin check that only looks at the start of the origin (startsWith, a regex without $).
import { prefixLookalike } from './hostile-origins.ts';
import { lookalikeCheck } from './lookalike.ts';

export const prefixMatch = lookalikeCheck({
  id: 'origin-prefix-match',
  title: 'A domain that starts with the allowed host is trusted',
  risk: 'Anyone who owns a domain can create app.example.com.their-domain.net and pass a check that only tests how the origin starts (or contains it).',
  fix: 'Match the whole origin exactly, or end the regex with $ (Starlette allow_origin_regex, django-cors-headers regexes, nginx map ~ patterns).',
  derive: prefixLookalike,
});
