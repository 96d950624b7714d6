import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AccessService } from '@schakel/access';
import { AuditLog } from '@schakel/audit';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { EnrolmentError } from '../enrolment.exception';
import { ImportRepository } from './import.repository';
import { escapeFormula, IMPORT_COLUMNS, IMPORT_MAX_ROWS, rowProblem, toRowInput, type ImportCsvRow, type ImportRowInput } from './import.rules';

export interface DryRunRow {
  row: number;
  email: string;
  outcome: 'will-be-invited' | 'already-member' | 'no-seat-left' | 'invalid';
  problem?: string;
}

export interface DryRun {
  rows: DryRunRow[];
  counts: Record<string, number>;
  emailsToSend: number;
}

export interface ImportStatus {
  id: string;
  state: string;
  total: number;
  done: number;
  percent: number;
  counts: Record<string, number>;
}

/**
 * POST /api/organisations/:orgId/imports: a CSV of people (and what to enrol them in). A dry
 * run answers at once with what would happen per row; a real run stores the rows and an
 * `import.requested` event (and the audit entry) in one transaction; the worker's ImportRunner
 * handles the rows in batches. A bad row fails alone.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly access: AccessService,
    private readonly work: UnitOfWork,
    private readonly imports: ImportRepository,
    private readonly audit: AuditLog,
  ) {}

  async dryRun(actor: AuthUser, organisationId: string, csv: unknown): Promise<DryRun> {
    await this.access.requireRole(actor, organisationId, ['org-admin']);
    const rows = parseImport(csv);
    const members = await this.imports.memberEmails(organisationId, rows.map((r) => r.email));
    const courses = await this.imports.courses(organisationId, [...new Set(rows.map((r) => r.courseId).filter((id) => isUUID(id)))]);
    const seatsLeft = new Map([...courses].map(([id, c]) => [id, c.seatsLeft]));
    const result: DryRunRow[] = [];
    let emailsToSend = 0;
    for (const row of rows) {
      const outcome = this.predict(row, members, courses, seatsLeft);
      if (outcome.outcome === 'will-be-invited') {
        members.add(row.email);
        emailsToSend += 1;
      }
      result.push(outcome);
    }
    const counts: Record<string, number> = {};
    for (const r of result) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    return { rows: result, counts, emailsToSend };
  }

  async start(actor: AuthUser, organisationId: string, csv: unknown): Promise<{ id: string; state: 'queued' }> {
    await this.access.requireRole(actor, organisationId, ['org-admin']);
    const rows = parseImport(csv);
    const id = await this.work.run(async (tx) => {
      const importId = await this.imports.create(tx.manager, organisationId, actor.id, rows);
      await tx.publish('import.requested', { importId });
      await this.audit.record(tx.manager, {
        actorId: actor.id, action: 'import.started', subjectType: 'import', subjectId: importId, organisationId, details: { total: rows.length },
      });
      return importId;
    });
    return { id, state: 'queued' };
  }

  async status(actor: AuthUser, organisationId: string, importId: string): Promise<ImportStatus> {
    const run = await this.visibleRun(actor, organisationId, importId);
    const { done, counts } = await this.imports.counts(run.id);
    return { id: run.id, state: run.state, total: run.total, done, percent: run.total ? Math.floor((done * 100) / run.total) : 100, counts };
  }

  async resultCsv(actor: AuthUser, organisationId: string, importId: string): Promise<string> {
    const run = await this.visibleRun(actor, organisationId, importId);
    const rows = await this.imports.rows(run.id, false);
    return stringify(
      rows.map((r) => [String(r.row), r.email, r.name, r.outcome ?? 'pending', r.problem ?? ''].map(escapeFormula)),
      { header: true, columns: ['row', 'email', 'name', 'outcome', 'problem'] },
    );
  }

  private predict(row: ImportRowInput, members: Set<string>, courses: Map<string, { access: string }>, seatsLeft: Map<string, number>): DryRunRow {
    const base = { row: row.row, email: row.email };
    const problem = rowProblem(row);
    if (problem) return { ...base, outcome: 'invalid', problem };
    if (row.courseId) {
      const course = courses.get(row.courseId);
      if (!course) return { ...base, outcome: 'invalid', problem: 'course not found' };
      if (course.access === 'by-organisation' && !row.sessionId) {
        const left = seatsLeft.get(row.courseId) ?? 0;
        if (left <= 0) return { ...base, outcome: 'no-seat-left' };
        seatsLeft.set(row.courseId, left - 1);
      }
    }
    return { ...base, outcome: members.has(row.email) ? 'already-member' : 'will-be-invited' };
  }

  private async visibleRun(actor: AuthUser, organisationId: string, importId: string) {
    await this.access.requireRole(actor, organisationId, ['org-admin']);
    const run = await this.imports.find(importId);
    if (!run || run.organisationId !== organisationId) throw EnrolmentError.importNotFound();
    return run;
  }
}

function parseImport(csv: unknown): ImportRowInput[] {
  if (typeof csv !== 'string' || csv.trim() === '') throw EnrolmentError.bulkInvalid(`send the rows as text/csv with the header ${IMPORT_COLUMNS.join(',')}`);
  let rows: ImportCsvRow[];
  try {
    rows = parse(csv, { columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  } catch (error) {
    throw EnrolmentError.bulkInvalid(error instanceof Error ? error.message : 'not valid CSV');
  }
  const header = rows.length ? Object.keys(rows[0]) : [];
  const missing = ['email', 'name'].filter((c) => !header.includes(c));
  if (missing.length) throw EnrolmentError.bulkInvalid(`the header lacks ${missing.join(', ')}`);
  const unknown = header.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) throw EnrolmentError.bulkInvalid(`unknown column ${unknown.join(', ')}`);
  if (rows.length > IMPORT_MAX_ROWS) throw EnrolmentError.bulkInvalid(`at most ${IMPORT_MAX_ROWS} rows at a time`);
  return rows.map((row, index) => toRowInput(index + 1, row));
}
