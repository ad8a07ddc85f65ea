// Check: an origin regex whose dots are not escaped ("." matches any character).
import { dotLookalike } from './hostile-origins.ts';
import { lookalikeCheck } from './lookalike.ts';

export const unescapedDot = lookalikeCheck({
  id: 'origin-unescaped-dot',
  title: 'An origin regex with an unescaped dot',
  risk: 'A dot that is not escaped matches any character, so appXexample.com, a domain anyone can buy, passes as app.example.com.',
  fix: 'Escape every dot in origin regexes (app\\.example\\.com), or list the origins as exact strings.',
  derive: dotLookalike,
});
