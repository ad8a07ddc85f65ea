// The generator registry, in the priority order of docs/backends.md#priority (the panel lists backends in this order).
import type { BackendId, FixGenerator } from './types.ts';
import { fastapi } from './fastapi.ts';
import { express } from './express.ts';
import { flask } from './flask.ts';
import { nginx } from './nginx.ts';
import { nextjs } from './nextjs.ts';
import { aiohttp } from './aiohttp.ts';
import { django } from './django.ts';
import { fastify } from './fastify.ts';
import { hono } from './hono.ts';
import { nestjs } from './nestjs.ts';
import { koa } from './koa.ts';
import { spring } from './spring.ts';
import { aspnet } from './aspnet.ts';
import { goRsCors } from './go-rs-cors.ts';
import { gin } from './gin.ts';
import { echo } from './echo.ts';
import { rails } from './rails.ts';
import { laravel } from './laravel.ts';
import { apache } from './apache.ts';
import { caddy } from './caddy.ts';
import { aws } from './aws.ts';
import { cloudflare } from './cloudflare.ts';
import { headers } from './headers.ts';

const ALL: FixGenerator[] = [
  fastapi,
  express,
  flask,
  nginx,
  nextjs,
  aiohttp,
  django,
  fastify,
  hono,
  nestjs,
  koa,
  spring,
  aspnet,
  goRsCors,
  gin,
  echo,
  rails,
  laravel,
  apache,
  caddy,
  aws,
  cloudflare,
  headers,
];

export const FIX_GENERATORS: Readonly<Partial<Record<BackendId, FixGenerator>>> = Object.fromEntries(
  ALL.map((g) => [g.id, g]),
);
export const GENERATOR_ORDER: readonly BackendId[] = ALL.map((g) => g.id);
