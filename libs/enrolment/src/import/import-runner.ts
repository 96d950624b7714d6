import { Injectable, Logger } from '@nestjs/common';
import { AccessService } from '@schakel/access';
import { AuditLog } from '@schakel/audit';
import { DomainException } from '@schakel/common';
import { UserRepository, type AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { OrganisationService } from '@schakel/organisation';
import { EnrolmentService } from '../enrol/enrolment.service';
import { ImportEnrolments, type MemberRow } from './import-enrolments';
import { ImportRepository, type ImportRun, type StoredImportRow } from './import.repository';
import { chainRolesOf, rowProblem } from './import.rules';

/** Rows per transaction: large enough that the per-batch statements vanish, small enough that progress moves and locks stay short. */
export const IMPORT_BATCH_ROWS = 200;

interface Outcome {
  row: number;
  outcome: string;
  problem: string | null;
}

/**
 * The worker's part of an import: the rows without an outcome, in file order, in batches of
 * IMPORT_BATCH_ROWS. A batch is one transaction: its people found or created, its
 * memberships, invitations (one outbox statement) and audit entries, its online enrolments
 * (open courses in one INSERT, licence seats through the seat ledger) and its rows' outcomes
 * commit together, so a retried job goes on after the last committed batch and never adds a
 * person, a membership or a mail twice. Rows the batch cannot decide set-wise (a session,
 * prerequisites, …) go through `EnrolmentService.enrol` one by one after the commit, each
 * outcome written once. Progress is the count of rows with an outcome.
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger(ImportRunner.name);

  constructor(
    private readonly imports: ImportRepository,
    private readonly users: UserRepository,
    private readonly access: AccessService,
    private readonly work: UnitOfWork,
    private readonly organisations: OrganisationService,
    private readonly batchEnrolments: ImportEnrolments,
    private readonly enrolments: EnrolmentService,
    private readonly audit: AuditLog,
  ) {}

  /** Safe to run twice: only rows without an outcome are handled. */
  async process(importId: string): Promise<void> {
    const run = await this.imports.find(importId);
    if (!run || run.state === 'done') return;
    const requester = await this.users.findById(run.requestedById);
    if (!requester) {
      await this.imports.setState(run.id, 'failed');
      return;
    }
    await this.imports.setState(run.id, 'running');
    const open = await this.imports.rows(run.id, true);
    for (let start = 0; start < open.length; start += IMPORT_BATCH_ROWS) {
      await this.processBatch(requester, run, open.slice(start, start + IMPORT_BATCH_ROWS));
    }
    const { counts } = await this.imports.counts(run.id);
    await this.work.run(async ({ manager }) => {
      if (!(await this.imports.finish(manager, run.id))) return;
      await this.audit.record(manager, {
        actorId: run.requestedById, action: 'import.finished', subjectType: 'import', subjectId: run.id, organisationId: run.organisationId,
        details: { total: run.total, counts },
      });
    });
    this.logger.log(`import ${run.id}: ${run.total} rows done`);
  }

  private async processBatch(actor: AuthUser, run: ImportRun, rows: StoredImportRow[]): Promise<void> {
    const outcomes: Outcome[] = [];
    const valid = rows.filter((row) => {
      const problem = rowProblem(row);
      if (problem) outcomes.push({ row: row.row, outcome: 'failed', problem });
      return !problem;
    });
    try {
      // The requester may have lost her role since the upload: then no row goes through.
      await this.access.requireRole(actor, run.organisationId, ['org-admin']);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      outcomes.push(...valid.map((row) => ({ row: row.row, outcome: 'failed', problem: error.message })));
      await this.work.run(({ manager }) => this.imports.recordOutcomes(manager, run.id, outcomes));
      return;
    }
    const single = await this.work.run(async (tx) => {
      // The first row of an address adds her; a later row of the same address finds her a member.
      const first = new Map<string, StoredImportRow>();
      for (const row of valid) if (!first.has(row.email)) first.set(row.email, row);
      const members = await this.organisations.addMembersInBatch(tx, actor, run.organisationId,
        [...first.values()].map((row) => ({ email: row.email, name: row.name, roles: ['learner'], chainRoles: chainRolesOf(row) })));
      const withCourse: MemberRow[] = [];
      for (const row of valid) {
        const member = members.get(row.email)!;
        if (row.courseId) withCourse.push({ row, userId: member.userId, status: member.status });
        else outcomes.push({ row: row.row, outcome: member.added && first.get(row.email) === row ? 'added' : 'already-member', problem: null });
      }
      const enrolled = await this.batchEnrolments.enrol(tx, actor.id, run.organisationId, withCourse);
      const later: MemberRow[] = [];
      for (const item of withCourse) {
        const outcome = enrolled.get(item.row.row)!;
        if (outcome === 'single') later.push(item);
        else outcomes.push({ row: item.row.row, ...outcome });
      }
      await this.imports.recordOutcomes(tx.manager, run.id, outcomes);
      return later;
    });
    for (const item of single) {
      const outcome = await this.enrolOne(actor, run.organisationId, item);
      await this.imports.recordOutcome(run.id, item.row.row, outcome.outcome, outcome.problem);
    }
  }

  /** The single path, booked to the importing organisation (as a bulk row is). */
  private async enrolOne(actor: AuthUser, organisationId: string, { row, userId }: MemberRow): Promise<Omit<Outcome, 'row'>> {
    try {
      const { created, moved } = await this.enrolments.enrol(actor, { courseId: row.courseId, userId, ...(row.sessionId ? { sessionId: row.sessionId } : {}) }, organisationId);
      return { outcome: created || moved ? 'enrolled' : 'already-enrolled', problem: null };
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      return { outcome: 'failed', problem: error.message };
    }
  }
}
