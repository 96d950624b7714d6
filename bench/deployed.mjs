// The platform as deployed, for benchmarks: the built API and worker as their own processes,
// mail going out over SMTP to an in-process sink, and the CPU each part used (from /proc), so
// a regression shows where it comes from: the API, the worker, PostgreSQL or the load itself.
import { readdirSync, readFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { freePort, startProcess } from './lib.mjs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const WORKER_NICENESS = 10; // scripts/start.mjs

/** A real SMTP server that counts what arrives whole (the worker's mails). */
export async function startMailSink() {
  let received = 0;
  const port = await freePort();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  server.on('error', () => {}); // a worker stopped mid-send resets its connection: not the benchmark's failure
  return { url: `smtp://127.0.0.1:${port}`, received: () => received, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** CPU ticks (user + system) of a process and its threads, or 0 when it is gone. */
export function ticksOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  } catch {
    return 0;
  }
}

/** Every PostgreSQL server process on the machine (the server the benchmark talks to). */
function postgresPids() {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
      } catch {
        return false;
      }
    });
}

/** The process's peak resident memory so far (VmHWM), in MB. */
export function peakRssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const postgresTicks = () => postgresPids().reduce((sum, pid) => sum + ticksOf(pid), 0);

/**
 * Starts the API (and, unless `apiOnly`, the worker) against `env`, with mail to a sink.
 * `measure(label, fn)` runs fn and returns its result with the CPU seconds each part used.
 */
export async function startDeployed(env, { apiOnly = false } = {}) {
  const sink = await startMailSink();
  const port = await freePort();
  const appEnv = { ...env, PORT: String(port), SMTP_URL: sink.url };
  const api = await startProcess('dist/apps/api/src/main.js', appEnv, { healthPort: port });
  // As `npm start` runs it: the worker at a lower CPU priority than the API.
  const worker = apiOnly ? null : await startProcess('dist/apps/worker/src/main.js', appEnv, { niceness: WORKER_NICENESS });
  const sample = () => ({
    api: ticksOf(api.pid),
    worker: worker ? ticksOf(worker.pid) : 0,
    postgres: postgresTicks(),
    load: process.cpuUsage(),
    at: performance.now(),
  });
  return {
    port,
    mailsReceived: sink.received,
    /** Peak RSS so far of the API and the worker, in MB. */
    peakRss: () => ({ api: peakRssMb(api.pid), worker: worker ? peakRssMb(worker.pid) : NaN }),
    async measure(fn) {
      const before = sample();
      const result = await fn();
      const after = sample();
      const seconds = (after.at - before.at) / 1000;
      const share = (ticks) => ticks / TICKS_PER_SECOND / seconds;
      const loadMicros = after.load.user + after.load.system - before.load.user - before.load.system;
      return {
        result,
        cpu: {
          api: share(after.api - before.api),
          worker: share(after.worker - before.worker),
          postgres: share(after.postgres - before.postgres),
          load: loadMicros / 1e6 / seconds,
        },
      };
    },
    async stop() {
      await Promise.all([api.stop(), worker?.stop()]);
      await sink.stop();
    },
  };
}

/** "api 0.62, worker 0.21, postgres 0.71, load 0.30 cores" */
export const formatCpu = (cpu) =>
  `api ${cpu.api.toFixed(2)}, worker ${cpu.worker.toFixed(2)}, postgres ${cpu.postgres.toFixed(2)}, load ${cpu.load.toFixed(2)} cores`;
