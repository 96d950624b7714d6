import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { SessionAccess, SessionRepository } from '@schakel/session';
import { CompletionService } from '../completion/completion.service';
import { AttendanceResponse, RecordAttendanceDto } from '../dto/attendance.dto';
import { EnrolmentError } from '../enrolment.exception';
import { AttendanceMark, AttendanceRepository } from './attendance.repository';

/** A session's trainers mark who was there; each affected enrolment is checked for completion in the same transaction. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly access: SessionAccess,
    private readonly sessions: SessionRepository,
    private readonly attendance: AttendanceRepository,
    private readonly completion: CompletionService,
  ) {}

  /** The marks so far, for the attendance sheet: the session's trainers (and platform admins) only. */
  async marks(actor: AuthUser, sessionId: string): Promise<AttendanceMark[]> {
    await this.access.requireTrainer(actor, sessionId, { allowPlatformAdmin: true });
    return this.attendance.marksOf(sessionId);
  }

  async record(actor: AuthUser, sessionId: string, dto: RecordAttendanceDto): Promise<AttendanceResponse> {
    await this.access.requireTrainer(actor, sessionId, { allowPlatformAdmin: false });
    const meetings = (await this.sessions.meetingsOf([sessionId])).filter((m) => !m.cancelledAt);
    const meetingIds = new Set(meetings.map((m) => m.id));
    // Attendance is a witness statement: nobody can have been present at a meeting that has not begun.
    const now = Date.now();
    const started = new Set(meetings.filter((m) => m.startsAt.getTime() <= now).map((m) => m.id));
    const marks = new Map<string, AttendanceMark>();
    dto.records.forEach((r, i) => {
      if (r.meetingId && !meetingIds.has(r.meetingId)) throw EnrolmentError.unknownMeeting(`records[${i}].meetingId`);
      if (r.meetingId ? !started.has(r.meetingId) : started.size === 0) {
        throw EnrolmentError.meetingNotStarted(r.meetingId ? `records[${i}].meetingId` : `records[${i}]`);
      }
      for (const meetingId of r.meetingId ? [r.meetingId] : started) {
        marks.set(`${r.enrolmentId}/${meetingId}`, { enrolmentId: r.enrolmentId, meetingId, present: r.present });
      }
    });
    const sorted = [...marks.values()].sort((a, b) => a.enrolmentId.localeCompare(b.enrolmentId) || a.meetingId.localeCompare(b.meetingId));
    const enrolmentIds = [...new Set(sorted.map((m) => m.enrolmentId))];

    const completed = await this.work.run(async (tx) => {
      const { manager } = tx;
      const enrolments = await this.attendance.enrolmentStatuses(manager, sessionId, enrolmentIds);
      dto.records.forEach((r, i) => {
        const found = enrolments.get(r.enrolmentId);
        if (!found) throw EnrolmentError.notInSession(`records[${i}].enrolmentId`);
        // A trainer who also sits in her own session cannot certify herself: another trainer marks her.
        if (found.userId === actor.id) throw EnrolmentError.ownAttendance(`records[${i}].enrolmentId`);
        const status = found.status;
        if (status !== 'confirmed' && status !== 'completed') throw EnrolmentError.noSeatToAttend(`records[${i}].enrolmentId`);
      });
      if (sorted.length > 0) await this.attendance.upsert(manager, sorted, actor.id);
      const done: string[] = [];
      for (const id of enrolmentIds) {
        if (await this.completion.completeIfDone(tx, id)) done.push(id);
      }
      return done;
    });
    return { recorded: sorted.length, completedEnrolmentIds: completed };
  }
}
