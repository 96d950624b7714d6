// The baseline for bench/catalogue.bench.mjs: a bare NestJS app (core + platform-express)
// with one GET /hello route (and /health, so startProcess can wait for it). No database,
// no guards, no logging: what any NestJS route costs at the least.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { Controller, Get, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');

class HelloController {
  hello() {
    return { hello: 'world' };
  }

  health() {
    return { status: 'ok' };
  }
}
for (const [method, path] of [['hello', 'hello'], ['health', 'health']]) {
  Reflect.decorate([Get(path)], HelloController.prototype, method, Object.getOwnPropertyDescriptor(HelloController.prototype, method));
}
Reflect.decorate([Controller()], HelloController);

class HelloModule {}
Reflect.decorate([Module({ controllers: [HelloController] })], HelloModule);

const app = await NestFactory.create(HelloModule, { logger: false });
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
