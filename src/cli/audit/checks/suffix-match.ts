// Check: an origin check that only looks at the end of the origin (endsWith, an unanchored regex start).
import { suffixLookalike } from './hostile-origins.ts';
import { lookalikeCheck } from './lookalike.ts';

export const suffixMatch = lookalikeCheck({
  id: 'origin-suffix-match',
  title: 'A look-alike domain ending in the allowed host is trusted',
  risk: 'Anyone can register evil-app.com and pass a check that only tests how the origin ends.',
  fix: 'Match the whole origin exactly (a set of strings), or anchor the regex with ^https://app\\.example\\.com$.',
  derive: suffixLookalike,
});
