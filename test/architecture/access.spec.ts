import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * "May this actor see or change this record?" is answered by @schakel/access (AccessService
 * and the tenancy SQL in AccessRepository). Elsewhere, SQL over memberships and session
 * trainers is data, not a rule: the places below, each with its reason. A new place means
 * either moving the rule into libs/access or adding it here, in review.
 */
const ALLOWED: Record<string, string> = {
  'libs/certification/src/certificate.repository.ts': 'prints the session trainer’s name on the certificate',
  'libs/certification/src/chain-report.repository.ts': 'counts the organisation’s members per chain role (the report)',
  'libs/certification/src/chain-report-summary.repository.ts': 'the report’s stored rows: one per active membership and chain role',
  'libs/messaging/src/message-context.repository.ts': 'a membership request is mailed only while it is still pending (re-checked at send time)',
  'libs/enrolment/src/import/import.repository.ts': 'an import’s dry run tells which addresses of the whole file are members already, in one query',
  'libs/organisation/src/membership.repository.ts': 'the organisation’s own membership rows (last-admin count)',
  'libs/session/src/seats/seat.sql.ts':
    'taking a seat and moving an online enrolment into a session re-check in-company visibility under the session lock, in SQL, for speed (same rule as AccessService.canSeeSession)',
  'libs/session/src/seats/licence-seat.repository.ts':
    'an import batch’s licence seats check, under the licence row lock, that each learner belongs to the licence’s organisation (same rule as AccessService.isMember)',
  'libs/session/src/seats/licence-seat.sql.ts':
    'the licence seat statements check, under the licence row lock, that the learner belongs to the licence’s organisation (same rule as AccessService.isMember)',
  'libs/session/src/session.repository.ts': 'the session list filters by the viewer AccessService describes (same rule, as a WHERE clause)',
};

const root = resolve(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'entities' ? [] : files(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('one place for access rules', () => {
  const libs = join(root, 'libs');
  const touching = readdirSync(libs)
    .filter((lib) => lib !== 'access' && statSync(join(libs, lib)).isDirectory())
    .flatMap((lib) => files(join(libs, lib, 'src')))
    .filter((file) => /\b(FROM|JOIN)\s+(memberships|session_trainers)\b/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));

  it('runs membership and trainer SQL only in libs/access and the listed data queries', () => {
    expect(touching.filter((file) => !(file in ALLOWED))).toEqual([]);
  });

  it('lists no place that no longer needs it', () => {
    expect(Object.keys(ALLOWED).filter((file) => !touching.includes(file))).toEqual([]);
  });
});
