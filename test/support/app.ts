import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApi } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';

export interface TestApi {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/**
 * The real API (same edge as main.ts) on the run's database and Redis. `env` adds settings
 * for this app only (the configuration is read once, while the app is built).
 */
export async function startApi(env: Record<string, string> = {}): Promise<TestApi> {
  const app = await withEnv(env, () => createApi());
  await app.init();
  const server = app.getHttpServer() as App;
  return { app, http: () => request(server), close: () => app.close() };
}

/** A real worker process's module, in this process: registers the processors. `env` as for startApi. */
export async function startWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const worker = await withEnv(env, () => NestFactory.createApplicationContext(WorkerModule, { logger: false }));
  await worker.init();
  return worker;
}

/** Builds an app with `env` added to the environment, then puts the environment back. */
async function withEnv<T>(env: Record<string, string>, build: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await build();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
