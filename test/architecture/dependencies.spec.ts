import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * The dependency rule of docs/ARCHITECTURE.md, enforced: a lib imports only the libs listed
 * for it here (through their `@schakel/<lib>` alias), never an app, and never another lib's
 * files by a relative path. The list is a layering (each lib only names libs above it in this
 * table), so no cycle can form. Adding a dependency means adding it here, in review.
 */
const ALLOWED: Record<string, readonly string[]> = {
  config: [],
  common: [],
  database: ['config'],
  jobs: ['config', 'common'],
  web: ['config', 'common'],
  // The guard's principal load (every request) runs as a prepared statement (database's preparedQuery).
  identity: ['config', 'common', 'database', 'jobs', 'web'],
  audit: ['config', 'common', 'identity'],
  access: ['config', 'common', 'identity'],
  organisation: ['config', 'common', 'jobs', 'web', 'identity', 'access', 'audit'],
  // The catalogue keeps its public pages in the shared Redis (database's client).
  catalogue: ['config', 'common', 'database', 'jobs', 'identity', 'organisation', 'access'],
  // The seat statement runs as a prepared statement on the pool (database's preparedQuery).
  session: ['config', 'common', 'database', 'jobs', 'web', 'identity', 'organisation', 'access', 'catalogue'],
  enrolment: ['config', 'common', 'jobs', 'web', 'identity', 'organisation', 'access', 'catalogue', 'session', 'audit'],
  certification: ['config', 'common', 'jobs', 'web', 'identity', 'organisation', 'access', 'catalogue', 'enrolment', 'audit'],
  // Orders confirm into a licence (seat ledger's table) or a private session (SessionService); decisions are audited.
  ordering: ['config', 'common', 'jobs', 'identity', 'audit', 'organisation', 'access', 'catalogue', 'session'],
  // Messaging consumes every domain's events; it reuses the session's calendar builder and attaches ordering's invoices.
  messaging: ['config', 'common', 'jobs', 'web', 'identity', 'organisation', 'access', 'catalogue', 'session', 'ordering'],
  demo: ['config', 'common', 'database', 'jobs', 'web', 'identity', 'organisation', 'access', 'catalogue', 'session', 'ordering'],
};

const root = resolve(__dirname, '..', '..');
const libsDir = join(root, 'libs');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);
}

const libs = readdirSync(libsDir).filter((name) => statSync(join(libsDir, name)).isDirectory());

describe('the dependency rule between libs', () => {
  it('knows every lib', () => {
    expect(libs.filter((lib) => !(lib in ALLOWED))).toEqual([]);
  });

  it('is a layering: each lib may only use libs listed before it', () => {
    const order = Object.keys(ALLOWED);
    const backwards = order.flatMap((lib, index) => ALLOWED[lib].filter((dep) => order.indexOf(dep) >= index).map((dep) => `${lib} → ${dep}`));
    expect(backwards).toEqual([]);
  });

  it.each(libs)('libs/%s imports only what it may', (lib) => {
    const own = join(libsDir, lib, 'src');
    const violations = sourceFiles(own).flatMap((file) =>
      importsOf(file).flatMap((spec) => {
        const where = relative(root, file);
        const alias = /^@schakel\/([a-z-]+)/.exec(spec);
        // A lib's HTTP side (`@schakel/<lib>/http`) is composed by the API app only.
        if (alias && spec.endsWith('/http')) return [`${where} imports ${spec}: only apps compose HTTP modules`];
        if (alias) return alias[1] === lib || (ALLOWED[lib] ?? []).includes(alias[1]) ? [] : [`${where} imports @schakel/${alias[1]}`];
        if (spec.startsWith('.')) {
          const target = resolve(file, '..', spec);
          return target.startsWith(own + sep) || target === own ? [] : [`${where} reaches outside its lib: ${spec}`];
        }
        return [];
      }),
    );
    expect(violations).toEqual([]);
  });
});
