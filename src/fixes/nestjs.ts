// NestJS: app.enableCors() takes the options of the underlying platform's package (express cors or @fastify/cors),
// which agree on every option used here.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { expressCorsOptions } from './express.ts';

export const nestjs: FixGenerator = {
  id: 'nestjs',
  label: 'NestJS',
  generate: (input) =>
    buildFix('nestjs', input, (p) => ({
      title: `Allow ${p.origin} with app.enableCors()`,
      snippets: [
        {
          language: 'typescript',
          where: 'main.ts, right after `const app = await NestFactory.create(AppModule)`, before app.listen',
          code: `app.enableCors(${expressCorsOptions(p)});\n`,
        },
      ],
      pitfall: pitfallText(p, {
        'preflight-unhandled':
          'Without enableCors() the OPTIONS preflight reaches the router: 404 {"message":"Cannot OPTIONS …"} without CORS headers.',
        'error-loses-cors': `The ${p.realStatus ?? 'error'} had no CORS headers: a guard or proxy answered before CORS; enableCors() runs before guards.`,
      }),
      notes: [
        'On the Fastify platform the same object works: @fastify/cors allows only GET, HEAD, POST unless methods is set (it is here).',
      ],
    })),
};

// References: docs.nestjs.com/security/cors.
