// Fastify + @fastify/cors: registered with the exact origin. Its default methods are only GET,HEAD,POST and its
// default origin '*' breaks credentials, so both are always explicit.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { expressCorsOptions } from './express.ts';

export const fastify: FixGenerator = {
  id: 'fastify',
  label: 'Fastify (@fastify/cors)',
  generate: (input) =>
    buildFix('fastify', input, (p) => ({
      title: `Allow ${p.origin} with @fastify/cors`,
      snippets: [
        {
          language: 'javascript',
          where: 'where the Fastify instance is created, before the routes are registered',
          // @fastify/cors takes the same option names as express cors for everything used here.
          code: `import cors from '@fastify/cors';\n\nawait fastify.register(cors, ${expressCorsOptions(p)});\n`,
        },
      ],
      pitfall: pitfallText(p, {
        methods: `@fastify/cors allows only GET, HEAD and POST by default: ${p.methods.join(', ')} must be listed.`,
        'wildcard-credentials':
          "@fastify/cors defaults to origin '*', which the browser rejects with credentials; list the origin.",
      }),
      notes: [
        'A route with config: { cors: false } opts out; @fastify/cors has no Private Network Access option.',
      ],
    })),
};

// References: github.com/fastify/fastify-cors README.
