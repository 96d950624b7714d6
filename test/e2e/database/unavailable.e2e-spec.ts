import { createServer, connect, type Server, type Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { freePort } from '../../support/free-port';

/** A TCP hop between the API and PostgreSQL that the test can cut, or turn into a black hole. */
class Hop {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  mode: 'forward' | 'blackhole' = 'forward';

  constructor(readonly port: number, private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (this.mode === 'blackhole') return; // accepts, never answers
      const upstream = connect(this.target.port, this.target.host);
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

describe('PostgreSQL unreachable: 503 with Retry-After, never 500; every connection bounded', () => {
  let api: TestApi;
  let hop: Hop;

  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL!);
    hop = new Hop(await freePort(), { host: url.hostname, port: Number(url.port || 5432) });
    await hop.open();
    url.hostname = '127.0.0.1';
    url.port = String(hop.port);
    api = await startApi({ DATABASE_URL: url.toString(), DATABASE_CONNECT_TIMEOUT_MS: '500', DATABASE_STATEMENT_TIMEOUT_MS: '4000', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '6000' });
  });
  afterAll(async () => {
    hop.mode = 'forward';
    await api.close().catch(() => undefined);
    await hop.cut().catch(() => undefined);
  });

  it('every connection carries a statement and an idle-in-transaction timeout', async () => {
    const ds = api.app.get(DataSource);
    expect(await ds.query(`SHOW statement_timeout`)).toEqual([{ statement_timeout: '4s' }]);
    expect(await ds.query(`SHOW idle_in_transaction_session_timeout`)).toEqual([{ idle_in_transaction_session_timeout: '6s' }]);
    const slow = await ds.query(`SELECT pg_sleep(5)`).then(() => 'finished', (error: Error) => error.message);
    expect(slow).toMatch(/statement timeout/);
  });

  it('the database gone: requests answer 503 with Retry-After, and recover when it is back', async () => {
    expect((await api.http().get('/api/sessions')).status).toBe(200);
    await hop.cut();
    const down = await api.http().get('/api/sessions');
    expect(down.status).toBe(503);
    expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
    expect(down.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(JSON.stringify(down.body)).not.toMatch(/ECONN|127\.0\.0\.1|terminated/);

    // A server that accepts and never answers: the connect timeout (500 ms) bounds the wait.
    hop.mode = 'blackhole';
    await hop.open();
    const started = Date.now();
    const hanging = await api.http().get('/api/sessions');
    expect(hanging.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5_000);

    await hop.cut();
    hop.mode = 'forward';
    await hop.open();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i += 1) {
      status = (await api.http().get('/api/sessions')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });
});
