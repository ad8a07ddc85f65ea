// The matrix's page requests as audit routes: the same method, path, headers, credentials and read header.
import type { Route } from '../../../src/cli/audit/routes.ts';
import { SHAPES, type ShapeId } from '../shapes.ts';

export function routeOf(shape: ShapeId): Route {
  const s = SHAPES[shape];
  return {
    method: s.method,
    path: s.path,
    template: s.path,
    headers: Object.entries(s.headers),
    credentials: true,
    expose: s.read === null ? [] : [s.read],
    source: { file: 'test/verify/shapes.ts', line: 1 },
  };
}
