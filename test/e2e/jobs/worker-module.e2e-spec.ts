import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { startApi, startWorker, type TestApi } from '../../support/app';

const controllersIn = (app: INestApplicationContext) =>
  [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.keys()].map((token) => (typeof token === 'function' ? token.name : String(token))));

describe('the worker process', () => {
  let worker: INestApplicationContext;
  let api: TestApi;

  beforeAll(async () => {
    [worker, api] = await Promise.all([startWorker(), startApi()]);
  });
  afterAll(async () => {
    await Promise.all([worker?.close(), api?.close()]);
  });

  it('registers no HTTP controller (the API registers them all)', () => {
    expect(controllersIn(worker)).toEqual([]);
    expect(controllersIn(api.app)).toEqual(expect.arrayContaining(['CourseController', 'SessionController', 'CertificateController']));
  });

  it('does not even load a controller file (the built worker, in its own process)', () => {
    const script = `require('./dist/apps/worker/src/worker.module');
      process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((p) => /controller|[\\\\/]http[\\\\/]/.test(p) && !p.includes('node_modules'))));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8' })) as string[];
    expect(loaded).toEqual([]);
  });
});
