import { AuditLog } from '@schakel/audit';
import { Injectable, Logger } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { isEmail, isUUID } from 'class-validator';
import { DomainException, type ChainRole } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { AccessService } from '@schakel/access';
import { MembershipRepository, OrganisationService } from '@schakel/organisation';
import type { BulkResult, BulkRowResult } from '../dto/bulk-enrolment.dto';
import { EnrolmentError } from '../enrolment.exception';
import { EnrolmentService } from './enrolment.service';

export const BULK_MAX_ROWS = 1000;
const COLUMNS = ['email', 'name', 'courseId', 'sessionId'] as const;

type CsvRow = Record<(typeof COLUMNS)[number], string | undefined>;

/**
 * POST /api/enrolments/bulk: an org admin's CSV of `email,name,courseId,sessionId`.
 * Each row is handled on its own, in file order (so a waitlist follows the file): the
 * person becomes a member when new, then is enrolled with every rule of a single
 * enrolment. A bad row fails alone and says why; the others go through.
 */
@Injectable()
export class BulkEnrolmentService {
  private readonly logger = new Logger(BulkEnrolmentService.name);

  constructor(
    private readonly access: AccessService,
    private readonly organisations: OrganisationService,
    private readonly memberships: MembershipRepository,
    private readonly enrolments: EnrolmentService,
    private readonly audit: AuditLog,
  ) {}

  async enrol(actor: AuthUser, csv: unknown, organisationId?: string): Promise<BulkResult> {
    const orgId = await this.organisationOf(actor, organisationId);
    const rows = this.parse(csv);
    const results: BulkRowResult[] = [];
    for (const [index, row] of rows.entries()) results.push(await this.enrolRow(actor, orgId, index + 1, row));
    const failed = results.filter((r) => r.outcome === 'failed').length;
    await this.audit.record(null, {
      actorId: actor.id,
      action: 'enrolment.bulk-imported',
      subjectType: 'bulk-enrolment',
      subjectId: orgId,
      organisationId: orgId,
      details: { total: results.length, failed },
    });
    return { organisationId: orgId, total: results.length, enrolled: results.length - failed, failed, rows: results };
  }

  private async enrolRow(actor: AuthUser, organisationId: string, row: number, input: CsvRow): Promise<BulkRowResult> {
    const email = (input.email ?? '').trim();
    try {
      const problem = rowProblem(input);
      if (problem) throw EnrolmentError.bulkRowInvalid(problem);
      const member = await this.memberOf(actor, organisationId, { email, name: (input.name ?? '').trim(), chainRoles: [] });
      // Each row is booked to the organisation the request names, not to whichever of the
      // person's organisations the admin also happens to administer.
      const { enrolment, created, moved } = await this.enrolments.enrol(
        actor,
        { courseId: input.courseId!.trim(), userId: member.userId, ...(input.sessionId?.trim() ? { sessionId: input.sessionId.trim() } : {}) },
        organisationId,
      );
      return {
        row,
        email,
        outcome: created || moved ? 'enrolled' : 'already-enrolled',
        enrolmentId: enrolment.id,
        status: enrolment.status,
        ...(enrolment.waitlistPosition !== null ? { waitlistPosition: enrolment.waitlistPosition } : {}),
      };
    } catch (error) {
      // Something unexpected fails this row, not the file: the rows before and after stand.
      const known = error instanceof DomainException ? error : EnrolmentError.bulkRowFailed();
      if (!(error instanceof DomainException)) this.logger.error(`bulk row ${row} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return { row, email, outcome: 'failed', error: { statusCode: known.status, code: known.code, message: known.message } };
    }
  }

  /**
   * The member's user id, adding the person to the organisation first when needed (a new
   * member gets `chainRoles`; an existing one keeps hers, so a repeated row changes nothing).
   */
  async memberOf(actor: AuthUser, organisationId: string, person: { email: string; name: string; chainRoles: ChainRole[] }): Promise<{ userId: string; added: boolean }> {
    try {
      const added = await this.organisations.addMember(actor, organisationId, { ...person, roles: ['learner'] });
      return { userId: added.userId, added: true };
    } catch (error) {
      if (!(error instanceof DomainException) || error.code !== 'organisation.already-member') throw error;
      const existing = await this.memberships.findByEmail(organisationId, person.email);
      if (!existing) throw error;
      return { userId: existing.userId, added: false };
    }
  }

  private async organisationOf(actor: AuthUser, organisationId?: string): Promise<string> {
    if (organisationId) {
      await this.access.requireRole(actor, organisationId, ['org-admin']);
      return organisationId;
    }
    const administered = await this.access.organisationIds(actor.id, ['org-admin']);
    if (administered.length === 1) return administered[0];
    throw EnrolmentError.bulkOrganisationRequired(administered.length ? 'is required when you manage several organisations' : 'is required');
  }

  private parse(csv: unknown): CsvRow[] {
    if (typeof csv !== 'string' || csv.trim() === '') throw EnrolmentError.bulkInvalid('send the rows as text/csv with the header email,name,courseId,sessionId');
    let rows: CsvRow[];
    try {
      rows = parse(csv, { columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
    } catch (error) {
      throw EnrolmentError.bulkInvalid(error instanceof Error ? error.message : 'not valid CSV');
    }
    const header = rows.length ? Object.keys(rows[0]) : [];
    const missing = ['email', 'name', 'courseId'].filter((c) => !header.includes(c));
    if (missing.length) throw EnrolmentError.bulkInvalid(`the header lacks ${missing.join(', ')}`);
    const unknown = header.filter((c) => !(COLUMNS as readonly string[]).includes(c));
    if (unknown.length) throw EnrolmentError.bulkInvalid(`unknown column ${unknown.join(', ')}`);
    if (rows.length > BULK_MAX_ROWS) throw EnrolmentError.bulkInvalid(`at most ${BULK_MAX_ROWS} rows at a time`);
    return rows;
  }
}

function rowProblem(row: CsvRow): string | null {
  if (!row.email || !isEmail(row.email.trim())) return 'email: must be an e-mail address';
  if (!row.name?.trim()) return 'name: is required';
  if (!row.courseId || !isUUID(row.courseId.trim())) return 'courseId: must be a UUID';
  if (row.sessionId?.trim() && !isUUID(row.sessionId.trim())) return 'sessionId: must be a UUID';
  return null;
}
