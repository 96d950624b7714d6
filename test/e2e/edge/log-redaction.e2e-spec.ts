import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../../support/free-port';
import { waitFor } from '../../support/wait-for';

const root = join(__dirname, '..', '..', '..');

/** Issue 15, point 13: mail-link tokens are not written to the request log. */
describe('edge: request logs carry no mail-link token', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('logs the request with its path but [REDACTED] for the token', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL,
      QUEUE_PREFIX: process.env.QUEUE_PREFIX,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      SCARF_ANALYTICS: 'false',
      // Outside the embedded default the API refuses to start without a real secret.
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
    child = spawn(process.execPath, [join(root, 'dist', 'apps', 'api', 'src', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status).catch(() => 0)),
      (status) => status === 200 || child!.exitCode !== null,
      { timeoutMs: 60_000, what: `the API to start\n${output}` },
    );
    expect(child.exitCode).toBeNull();
    const secret = 'Zm9vLWJhci1zZWNyZXQtdG9rZW4.abc.SECRETMAC';
    await fetch(`http://127.0.0.1:${port}/reset-password?token=${secret}`);
    await fetch(`http://127.0.0.1:${port}/api/unsubscribe?token=${secret}`);
    await waitFor(async () => output, (text) => text.includes('/api/unsubscribe?token=[REDACTED]'), { timeoutMs: 10_000, what: 'the request log lines' });
    expect(output).toContain('/reset-password?token=[REDACTED]');
    expect(output).not.toContain('SECRETMAC');
    child.kill('SIGTERM');
  });
});
