// The backends the standalone audit pass runs (main.ts); run.ts hands its own list to auditPass.
import { aiohttp } from '../backends/aiohttp.ts';
import { django } from '../backends/django.ts';
import { fastapi } from '../backends/fastapi.ts';
import { flask } from '../backends/flask.ts';
import { echo, gin, goRsCors } from '../backends/go.ts';
import { nestjs } from '../backends/nestjs.ts';
import { nextjs } from '../backends/nextjs.ts';
import { express, fastify, hono, koa } from '../backends/node.ts';
import { apache, caddy, nginx } from '../backends/proxies.ts';
import { rails } from '../backends/ruby.ts';
import { cloudflare } from '../backends/worker.ts';
import type { Target } from '../target.ts';

// Go first: their builds are the slowest and overlap with the quick cells. The matrix and the audit pass share it.
export const TARGETS: Target[] = [
  gin,
  echo,
  goRsCors,
  fastapi,
  flask,
  express,
  aiohttp,
  django,
  fastify,
  hono,
  koa,
  nginx,
  apache,
  caddy,
  rails,
  cloudflare,
  nestjs,
  nextjs,
];
