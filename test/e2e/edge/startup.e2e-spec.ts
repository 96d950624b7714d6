import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/free-port';
import { waitFor } from '../../support/wait-for';

const root = join(__dirname, '..', '..', '..');

/** The pid of the launcher's child running `script` (ps is on every Linux and macOS). */
const childPid = (parent: number, script: string): number => {
  const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' }).split('\n');
  const line = lines.find((l) => l.includes(script));
  return line ? Number(line.trim().split(/\s+/)[0]) : 0;
};

/** The process's nice value (higher: lower CPU priority). */
const niceness = (pid: number): number => Number(execFileSync('ps', ['-o', 'ni=', '-p', String(pid)], { encoding: 'utf8' }).trim());

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start with no configuration (the embedded default)', () => {
  jest.setTimeout(180_000);
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('boots from nothing, answers /health and the demo login, and leaves nothing behind on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'schakel-start-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), SCHAKEL_DATA_DIR: dataDir };
    child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));

    try {
      await bootAndStop();
    } catch (error) {
      // The launcher's own words explain most failures; show them with the assertion.
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- launcher output ---\n${output}`);
    }

    async function bootAndStop(): Promise<void> {
      await waitFor(async () => output, (text) => text.includes('Schakel is running') || child!.exitCode !== null, { timeoutMs: 90_000, what: 'the start banner' });
      expect(output).toContain('Schakel is running');
      expect(output).toContain(`http://localhost:${port}/api/docs`);

      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'beheer@schakel.demo', password: 'schakel-demo' }),
      });
      expect(login.status).toBe(200);

      // Background work gives way to requests: the worker runs at a lower CPU priority than the API.
      const workerPid = childPid(child!.pid!, 'apps/worker/src/main.js');
      expect(workerPid).toBeGreaterThan(0);
      const workerNiceness = niceness(workerPid);
      expect(workerNiceness).toBeGreaterThan(niceness(childPid(child!.pid!, 'apps/api/src/main.js')));

      // The worker dies (killed, out of memory): the launcher starts it again; the API never stops.
      process.kill(workerPid, 'SIGKILL');
      await waitFor(async () => output, (text) => /worker restarted \(pid \d+\)/.test(text), { timeoutMs: 20_000, what: 'the worker to be restarted' });
      expect(output).toContain('worker stopped unexpectedly (SIGKILL); starting it again in 1 s');
      const restarted = Number(/worker restarted \(pid (\d+)\)/.exec(output)![1]);
      expect(alive(restarted)).toBe(true);
      expect(niceness(restarted)).toBe(workerNiceness);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      expect(child!.exitCode).toBeNull();

      const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(alive(postmaster)).toBe(true);
      const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
      child!.kill('SIGINT');
      expect(await exited).toBe(0);
      await waitFor(async () => alive(postmaster), (up) => !up, { timeoutMs: 10_000, what: 'PostgreSQL to stop' });
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    }
  });
});

describe('the API outside the embedded default', () => {
  const start = (env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [join(root, 'dist', 'apps', 'api', 'src', 'main.js')], {
        env: { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });

  it("refuses to start without JWT_SECRET, or with docker-compose.yml's placeholder", async () => {
    const missing = await start({});
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('JWT_SECRET is not set');
    const compose = await start({ NODE_ENV: 'production', JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more' });
    expect(compose.code).not.toBe(0);
    expect(compose.output).toContain('JWT_SECRET is a placeholder');
  });
});


describe('SIGTERM: the API exits within 30 s even when closing hangs', () => {
  it('a client stuck halfway through a request does not hold the API past the deadline', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(root, 'dist', 'apps', 'api', 'src', 'main.js')], {
      env: { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, JWT_SECRET: process.env.JWT_SECRET, QUEUE_PREFIX: process.env.QUEUE_PREFIX, LOG_LEVEL: 'silent', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk) => (output += chunk));
    try {
      await waitFor(() => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0), (s) => s === 200, { timeoutMs: 30_000, what: 'the API to listen' });
      // Headers promise a body that never comes: the request stays in flight, and server.close() waits for it.
      const stuck = connect(port, '127.0.0.1');
      stuck.on('error', () => undefined);
      await new Promise((resolve) => stuck.once('connect', resolve));
      stuck.write('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      await exited;
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(output).toContain('graceful shutdown after SIGTERM');
      stuck.destroy();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
