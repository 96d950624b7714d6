import { Injectable } from '@nestjs/common';
import type { Transaction } from '@schakel/jobs';
import { SeatLedger } from '@schakel/session';
import { EnrolmentError, licenceRefused } from '../enrolment.exception';
import { ImportEnrolmentRepository, pairKey, type ImportCourse } from './import-enrolment.repository';
import type { ImportRowInput } from './import.rules';

/** A row of the batch whose person is a member now. */
export interface MemberRow {
  row: ImportRowInput;
  userId: string;
  status: 'active' | 'pending';
}

/** A row's outcome as stored, or `single`: the row takes the one-by-one path after the batch commits. */
export type BatchEnrolment = { outcome: string; problem: string | null } | 'single';

const failed = (problem: string): BatchEnrolment => ({ outcome: 'failed', problem });

/**
 * The online enrolments of an import batch, set-wise and in the batch's transaction, with
 * the outcomes a single enrolment would have had: open courses in one INSERT; by-organisation
 * courses through the seat ledger (`takeOnlineSeats`: one locked statement per licence, seats
 * given in file order). What this path does not decide alone goes the single way
 * (`EnrolmentService.enrol`, after the commit): a session, prerequisites, a pending member,
 * the admin herself, a pair twice in one batch, an enrolment that appeared concurrently.
 */
@Injectable()
export class ImportEnrolments {
  constructor(
    private readonly repository: ImportEnrolmentRepository,
    private readonly seats: SeatLedger,
  ) {}

  async enrol(tx: Transaction, actorId: string, organisationId: string, rows: readonly MemberRow[]): Promise<Map<number, BatchEnrolment>> {
    const result = new Map<number, BatchEnrolment>();
    const courseIds = [...new Set(rows.map((r) => r.row.courseId))];
    const courses = await this.repository.courses(tx.manager, courseIds);
    const open = await this.repository.openEnrolments(tx.manager, [...new Set(rows.map((r) => r.userId))], courseIds);
    const seen = new Set<string>();
    const openCourse: MemberRow[] = [];
    const onLicence = new Map<string, MemberRow[]>();
    for (const item of rows) {
      const decided = this.decide(item, actorId, courses.get(item.row.courseId), open, seen);
      if (decided) {
        result.set(item.row.row, decided);
      } else if (courses.get(item.row.courseId)!.access === 'open') {
        openCourse.push(item);
      } else {
        onLicence.set(item.row.courseId, [...(onLicence.get(item.row.courseId) ?? []), item]);
      }
    }
    const inserted = await this.repository.insertOnline(tx.manager, openCourse.map((r) => ({ userId: r.userId, courseId: r.row.courseId })), organisationId, actorId);
    await tx.publishMany('enrolment.started', openCourse.filter((r) => inserted.has(pairKey(r.userId, r.row.courseId))).map((r) => ({ userId: r.userId, courseId: r.row.courseId })));
    for (const item of openCourse) {
      result.set(item.row.row, inserted.has(pairKey(item.userId, item.row.courseId)) ? { outcome: 'enrolled', problem: null } : 'single');
    }
    // Licence rows are locked until the batch commits: always in course order, so two batches cannot wait on each other.
    for (const [courseId, claims] of [...onLicence].sort(([a], [b]) => a.localeCompare(b))) {
      for (const [row, outcome] of await this.seatOnLicences(tx, actorId, organisationId, courseId, claims)) result.set(row, outcome);
    }
    return result;
  }

  /** What is known without writing; undefined: the batch enrols the row. */
  private decide(item: MemberRow, actorId: string, course: ImportCourse | undefined, open: Map<string, string | null>, seen: Set<string>): BatchEnrolment | undefined {
    if (item.row.sessionId || item.status !== 'active' || item.userId === actorId) return 'single';
    if (!course) return failed(EnrolmentError.courseNotFound().message);
    if (course.hasPrerequisites) return 'single';
    if (course.format === 'live') return failed(EnrolmentError.sessionRequired().message);
    const key = pairKey(item.userId, course.id);
    if (seen.has(key)) return 'single';
    seen.add(key);
    if (open.has(key)) return open.get(key) === null ? { outcome: 'already-enrolled', problem: null } : failed(EnrolmentError.alreadyEnrolled().message);
    return undefined;
  }

  /**
   * The organisation's licences for the course, in the order a single enrolment picks them
   * (`licenceToUse`, read in this transaction): the claims one licence could not seat try the
   * next. A claim no licence seats keeps the first licence's refusal (what a single
   * enrolment would have answered).
   */
  private async seatOnLicences(tx: Transaction, actorId: string, organisationId: string, courseId: string, claims: MemberRow[]): Promise<Map<number, BatchEnrolment>> {
    const result = new Map<number, BatchEnrolment>();
    const tried: string[] = [];
    let waiting = claims;
    for (let licenceId = await this.seats.nextLicenceToUse(tx, organisationId, courseId, tried); licenceId && waiting.length > 0;
      licenceId = await this.seats.nextLicenceToUse(tx, organisationId, courseId, tried)) {
      const outcomes = await this.seats.takeOnlineSeats(tx, { licenceId, courseId, organisationId, enrolledById: actorId, userIds: waiting.map((c) => c.userId) });
      await tx.publishMany('enrolment.started', waiting.filter((c) => outcomes.get(c.userId)?.outcome === 'enrolled').map((c) => ({ userId: c.userId, courseId })));
      tried.push(licenceId);
      const refused: MemberRow[] = [];
      for (const item of waiting) {
        const seat = outcomes.get(item.userId)!;
        if (seat.outcome === 'enrolled') result.set(item.row.row, { outcome: 'enrolled', problem: null });
        else if (seat.outcome === 'open') result.set(item.row.row, 'single');
        else {
          if (!result.has(item.row.row)) result.set(item.row.row, failed(licenceRefused(seat.outcome).message));
          refused.push(item);
        }
      }
      waiting = refused;
    }
    if (tried.length === 0) for (const item of claims) result.set(item.row.row, failed(EnrolmentError.seatRequired().message));
    return result;
  }
}
