// NestJS 12.5 on the Express platform (@nestjs/platform-express), run as TypeScript under tsx: the template's own
// tsconfig turns on legacy decorators (what Nest's decorators are), and nothing is injected through a constructor,
// so no emitDecoratorMetadata is needed. The region sits where the generator says: right after NestFactory.create.
import { missingPackages, writeFiles, fill } from '../harness.ts';
import { errorVariant, type Target } from '../target.ts';

const MAIN = `import 'reflect-metadata';
import { Controller, Get, Header, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller('api')
class ChatController {
  @Get('chat')
  @Header('X-Request-Id', 'r-1')
  get() {
    return { ok: true };
  }

  // Nest answers a POST with 201 by default; the chat call answers 200 like the other backends.
  @Post('chat')
  @HttpCode(200)
  @Header('X-Request-Id', 'r-1')
  post() {
    return { ok: true };
  }

  @Get('boom')
  boom() {
    throw new Error('boom');
  }
}

@Module({ controllers: [ChatController] })
class AppModule {}

const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
@@CORS_0@@
await app.listen(Number(process.env.PORT), '127.0.0.1');
`;

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    experimentalDecorators: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
  },
});

export const nestjs: Target = {
  backend: 'nestjs',
  label: 'NestJS 12.5 (platform-express)',
  missing: missingPackages([
    '@nestjs/common',
    '@nestjs/core',
    '@nestjs/platform-express',
    'reflect-metadata',
    'rxjs',
  ]),
  variants: [
    {
      id: 'none',
      bug: 'no enableCors(), credentialed GET',
      shape: 'get-cred',
      broken: () => [''],
      chrome: 'MissingAllowOriginHeader',
      cause: 'MissingAllowOriginHeader',
    },
    {
      id: 'preflight',
      bug: 'no enableCors(): OPTIONS reaches the router, 404 "Cannot OPTIONS"',
      shape: 'post-json',
      broken: () => [''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'preflight-not-handled',
      realStatus: 404,
    },
    errorVariant('no enableCors(): the 500 has no CORS'),
    {
      id: 'wildcard',
      bug: "enableCors({ origin: '*', credentials: true })",
      shape: 'get-cred',
      broken: () => ["app.enableCors({ origin: '*', credentials: true });"],
      chrome: 'WildcardOriginNotAllowed',
      cause: 'WildcardOriginNotAllowed',
    },
    {
      id: 'wrong-origin',
      bug: 'enableCors() for another dev port',
      shape: 'get-cred',
      broken: () => ["app.enableCors({ origin: 'http://localhost:5173', credentials: true });"],
      chrome: 'AllowOriginMismatch',
      cause: 'AllowOriginMismatch',
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, {
      'main.ts': fill(MAIN, regions),
      'tsconfig.json': TSCONFIG,
      // Top-level await: the server is an ES module.
      'package.json': JSON.stringify({ private: true, type: 'module' }),
    });
    return Promise.resolve({
      cmd: process.execPath,
      args: ['--import', 'tsx', 'main.ts'],
      cwd: dir,
      env: { PORT: String(c.apiPort) },
      port: c.apiPort,
    });
  },
};
