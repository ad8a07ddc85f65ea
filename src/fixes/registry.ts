// The generator registry, in the priority order of frameworks.md §1 (the panel lists backends in this order).
import type { BackendId, FixGenerator } from './types.ts';
import { fastapi } from './fastapi.ts';
import { express } from './express.ts';
import { flask } from './flask.ts';
import { nginx } from './nginx.ts';
import { nextjs } from './nextjs.ts';

const ALL: FixGenerator[] = [fastapi, express, flask, nginx, nextjs];

export const FIX_GENERATORS: Readonly<Partial<Record<BackendId, FixGenerator>>> = Object.fromEntries(ALL.map((g) => [g.id, g]));
export const GENERATOR_ORDER: readonly BackendId[] = ALL.map((g) => g.id);
