import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ImportRowInput } from './import.rules';

export type ImportState = 'queued' | 'running' | 'done' | 'failed';

export interface ImportRun {
  id: string;
  organisationId: string;
  requestedById: string;
  state: ImportState;
  total: number;
}

export interface StoredImportRow extends ImportRowInput {
  outcome: string | null;
  problem: string | null;
}

/** Imports and their rows; a row's outcome is written once (WHERE outcome IS NULL). */
@Injectable()
export class ImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The run and its rows, in the caller's transaction (with its event); returns the run's id. */
  async create(manager: EntityManager, organisationId: string, requestedById: string, rows: ImportRowInput[]): Promise<string> {
    {
      const [run] = (await manager.query(`INSERT INTO imports (organisation_id, requested_by_id, total) VALUES ($1, $2, $3) RETURNING id`, [
        organisationId, requestedById, rows.length,
      ])) as Array<{ id: string }>;
      // One statement for the rows (unnest), however many there are.
      await manager.query(
        `INSERT INTO import_rows (import_id, row, email, name, chain_roles, course_id, session_id)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [run.id, rows.map((r) => r.row), rows.map((r) => r.email), rows.map((r) => r.name), rows.map((r) => r.chainRoles.join(';')),
          rows.map((r) => r.courseId), rows.map((r) => r.sessionId)],
      );
      return run.id;
    }
  }

  async find(id: string): Promise<ImportRun | null> {
    const [row] = (await this.dataSource.query(
      `SELECT id, organisation_id AS "organisationId", requested_by_id AS "requestedById", state, total FROM imports WHERE id = $1`,
      [id],
    )) as ImportRun[];
    return row ?? null;
  }

  async setState(id: string, state: ImportState): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET state = $2, finished_at = CASE WHEN $2 IN ('done', 'failed') THEN now() END WHERE id = $1`, [id, state]);
  }

  /** Marks the run done; false when it was done already (a doubled job finishing second). */
  async finish(manager: EntityManager, id: string): Promise<boolean> {
    const [, changed] = (await manager.query(`UPDATE imports SET state = 'done', finished_at = now() WHERE id = $1 AND state <> 'done'`, [id])) as [unknown, number];
    return changed > 0;
  }

  async counts(id: string): Promise<{ done: number; counts: Record<string, number> }> {
    const rows = (await this.dataSource.query(
      `SELECT outcome, count(*)::int AS n FROM import_rows WHERE import_id = $1 AND outcome IS NOT NULL GROUP BY outcome`,
      [id],
    )) as Array<{ outcome: string; n: number }>;
    return { done: rows.reduce((sum, r) => sum + r.n, 0), counts: Object.fromEntries(rows.map((r) => [r.outcome, r.n])) };
  }

  async rows(id: string, onlyOpen: boolean): Promise<StoredImportRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT row, email, name, chain_roles, course_id AS "courseId", session_id AS "sessionId", outcome, problem
         FROM import_rows WHERE import_id = $1 AND ($2::boolean IS FALSE OR outcome IS NULL) ORDER BY row`,
      [id, onlyOpen],
    )) as Array<Omit<StoredImportRow, 'chainRoles'> & { chain_roles: string }>;
    return rows.map(({ chain_roles, ...r }) => ({ ...r, chainRoles: chain_roles ? chain_roles.split(';') : [] }));
  }

  async recordOutcome(id: string, row: number, outcome: string, problem: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE import_rows SET outcome = $3, problem = $4 WHERE import_id = $1 AND row = $2 AND outcome IS NULL`, [id, row, outcome, problem]);
  }

  /** A batch's outcomes in one statement, in the batch's transaction; each row's outcome is still written once. */
  async recordOutcomes(manager: EntityManager, id: string, outcomes: ReadonlyArray<{ row: number; outcome: string; problem: string | null }>): Promise<void> {
    if (outcomes.length === 0) return;
    await manager.query(
      `UPDATE import_rows r SET outcome = t.outcome, problem = t.problem
         FROM unnest($2::int[], $3::text[], $4::text[]) AS t(row, outcome, problem)
        WHERE r.import_id = $1 AND r.row = t.row AND r.outcome IS NULL`,
      [id, outcomes.map((o) => o.row), outcomes.map((o) => o.outcome), outcomes.map((o) => o.problem)],
    );
  }

  /** Which of these addresses already belong to the organisation (dry run). */
  async memberEmails(organisationId: string, emails: string[]): Promise<Set<string>> {
    const rows = (await this.dataSource.query(
      `SELECT lower(u.email) AS email FROM users u WHERE lower(u.email) = ANY($2::text[])
          AND u.id IN (SELECT user_id FROM memberships WHERE organisation_id = $1 AND status = 'active')`,
      [organisationId, emails],
    )) as Array<{ email: string }>;
    return new Set(rows.map((r) => r.email));
  }

  /** Published courses among these ids, with their access and the organisation's licence seats left (dry run). */
  async courses(organisationId: string, ids: string[]): Promise<Map<string, { access: string; seatsLeft: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.access,
              COALESCE((SELECT sum(l.seats - l.used) FROM licences l WHERE l.organisation_id = $1 AND l.course_id = c.id
                          AND (l.expires_at IS NULL OR l.expires_at > now())), 0)::int AS "seatsLeft"
         FROM courses c WHERE c.id = ANY($2::uuid[]) AND c.status = 'published'`,
      [organisationId, ids],
    )) as Array<{ id: string; access: string; seatsLeft: number }>;
    return new Map(rows.map((r) => [r.id, { access: r.access, seatsLeft: r.seatsLeft }]));
  }
}
