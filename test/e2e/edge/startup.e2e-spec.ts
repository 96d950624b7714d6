import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/free-port';
import { waitFor } from '../../support/wait-for';

const root = join(__dirname, '..', '..', '..');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start with no configuration (the embedded default)', () => {
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

