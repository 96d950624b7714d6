import { execFileSync, spawn, type SpawnOptions } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** The system PostgreSQL's programs (Debian's postgresql-15); PG_BIN overrides. */
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** initdb and postgres refuse to run as root: as root, they run as the `postgres` user. */
function owner(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function run(program: string, args: string[], as: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const options: SpawnOptions = { stdio: ['ignore', 'pipe', 'pipe'], ...(as ?? {}) };
    const child = spawn(join(BIN, program), args, options);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    // 'exit', not 'close': never wait on pipes the server that pg_ctl starts might hold open.
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} ${args.join(' ')} exited ${code}: ${output.slice(-2000)}`))));
  });
}

/**
 * A PostgreSQL cluster of this test file's own (never the shared one): initdb into a temporary
 * folder, a free port, its socket in that folder, trust authentication. It can be stopped and
 * started again like a real restart (pg_ctl -m fast: sessions are ended, the data stays);
 * `destroy` stops it at once and removes the folder.
 */
export class DisposablePostgres {
  private running = false;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly as: { uid: number; gid: number } | undefined,
  ) {}

  static async create(): Promise<DisposablePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'schakel-pg-'));
    const as = owner();
    if (as) {
      chmodSync(dir, 0o700);
      chownSync(dir, as.uid, as.gid);
    }
    const cluster = new DisposablePostgres(dir, await freePort(), as);
    await run('initdb', ['-D', cluster.data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], as);
    return cluster;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    // fsync off: a test cluster; a fast stop still writes everything down before it ends.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    await run('pg_ctl', ['-D', this.data, '-o', options, '-l', join(this.dir, 'server.log'), '-w', '-t', '30', 'start'], this.as);
    this.running = true;
  }

  /** Like an operator's restart: active sessions are ended (57P01), open transactions roll back. */
  async stop(): Promise<void> {
    await run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-t', '30', 'stop'], this.as);
    this.running = false;
  }

  async restart(downMs = 0): Promise<void> {
    await this.stop();
    if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.start();
  }

  /** For afterAll: stops the server if it runs (immediately) and removes the folder. */
  async destroy(): Promise<void> {
    if (this.running || existsSync(join(this.data, 'postmaster.pid'))) {
      await run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', '-t', '30', 'stop'], this.as).catch(() => undefined);
      this.running = false;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
