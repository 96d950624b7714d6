import 'reflect-metadata';
import cluster from 'node:cluster';
import { exitWithinDeadline } from '@schakel/common';
import { AppConfig, loadConfig } from '@schakel/config';
import { createApi } from './bootstrap';

async function serve(): Promise<void> {
  const app = await createApi();
  const config = app.get(AppConfig);
  await app.listen(config.port);
  // Armed once listening: app.close() waits for requests in flight, and a client that never
  // finishes its request would otherwise hold the process past the orchestrator's kill.
  exitWithinDeadline('api');
}

/**
 * With API_WORKERS > 1 this process only supervises: it forks that many API processes
 * sharing the port (node:cluster). They keep no state, so it is the same as running
 * `npm run start:api` several times behind a balancer. SIGTERM is passed on and each
 * worker drains its requests before it exits.
 */
function supervise(workers: number): void {
  let stopping = false;
  for (let i = 0; i < workers; i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    process.stderr.write(`API worker ${worker.process.pid} stopped (${signal ?? code}); starting another\n`);
    cluster.fork();
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    });
  }
}

const workers = cluster.isPrimary ? loadConfig().apiWorkers : 1;
if (workers > 1) {
  supervise(workers);
} else {
  serve().catch((error: unknown) => {
    process.stderr.write(`API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
