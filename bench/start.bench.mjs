// Start-up: "a second `npm start` to a healthy /health", the way a developer restarts the
// platform (nothing changed since the last build; migrations and demo data already in
// place), against baselines measured in the same run: a bare `node -e 0` and the API
// process alone (`node dist/apps/api/src/main.js` to a healthy /health). Goal: ≤ 10 s.
// Run it through `npm run bench` (which builds first): on a stale build `npm start` would
// build too, and the first start would time the build.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, percentile, prepareEnvironment, report, root, summarise } from './lib.mjs';

const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);

async function waitForHealth(port, child, timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the process exited (${child.exitCode}) before it was healthy`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error('not healthy in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Spawns the command in its own process group, times it to a healthy /health, then stops the group. */
async function timeToHealthy(command, args, env) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, env: { ...env, PORT: String(port) }, stdio: 'ignore', detached: true });
  try {
    await waitForHealth(port, child);
    return (performance.now() - started) / 1000;
  } finally {
    const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
    // start.mjs waits for its children; give the group a moment to finish closing.
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function timeToExit(command, args) {
  const started = performance.now();
  await new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
  return (performance.now() - started) / 1000;
}

const median = (values) => percentile(values, 50);
const range = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)} s`;

async function main() {
  const { env, cleanup } = await prepareEnvironment('start');
  const appEnv = { ...env, DEMO_DATA: 'true', NODE_ENV: 'development', LOG_LEVEL: 'warn' };
  try {
    const bare = [];
    for (let i = 0; i < RUNS; i += 1) bare.push(await timeToExit(process.execPath, ['-e', '0']));
    // The first start seeds the demo data; the ones after it are the "second start".
    const first = await timeToHealthy('npm', ['start', '--silent'], appEnv);
    const apiAlone = [];
    const second = [];
    for (let i = 0; i < RUNS; i += 1) {
      apiAlone.push(await timeToHealthy(process.execPath, [join(root, 'dist/apps/api/src/main.js')], appEnv));
      second.push(await timeToHealthy('npm', ['start', '--silent'], appEnv));
    }
    report(`Start-up: npm start to a healthy /health (${RUNS} runs each, median and range)`, [
      ['bare node -e 0', `${median(bare).toFixed(2)} s (${range(bare)})`],
      ['API process alone to healthy', `${median(apiAlone).toFixed(2)} s (${range(apiAlone)})`],
      ['first npm start (seeds the demo data)', `${first.toFixed(2)} s`],
      ['second npm start to healthy', `${median(second).toFixed(2)} s (${range(second)})`],
      ['  / API alone', `${(median(second) / median(apiAlone)).toFixed(2)}× (goal: ≤ 10 s absolute)`],
      ['  / bare node', `${(median(second) / median(bare)).toFixed(0)}×`],
    ]);
    summarise({ figure: 'second npm start to healthy (s)', product: median(second), baseline: median(apiAlone), baselineName: 'API process alone', goal: '≤ 10 s', met: median(second) <= 10 });
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
