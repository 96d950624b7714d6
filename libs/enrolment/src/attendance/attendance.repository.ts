import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface AttendanceMark {
  enrolmentId: string;
  meetingId: string;
  present: boolean;
}

@Injectable()
export class AttendanceRepository {
  async enrolmentStatuses(manager: EntityManager, sessionId: string, ids: string[]): Promise<Map<string, { status: string; userId: string }>> {
    const rows: Array<{ id: string; status: string; user_id: string }> = await manager.query(
      `SELECT id, status, user_id FROM enrolments WHERE session_id = $1 AND id = ANY($2)`,
      [sessionId, ids],
    );
    return new Map(rows.map((r) => [r.id, { status: r.status, userId: r.user_id }]));
  }

  /**
   * One row per enrolment and meeting (the primary key): marking again overwrites. Rows
   * arrive sorted, so two parallel calls lock them in the same order (no deadlock).
   */
  async upsert(manager: EntityManager, marks: AttendanceMark[], markedById: string): Promise<void> {
    await manager.query(
      `INSERT INTO attendance (enrolment_id, meeting_id, present, marked_by_id, marked_at)
       SELECT e, m, p, $4, now() FROM unnest($1::uuid[], $2::uuid[], $3::boolean[]) AS t(e, m, p)
       ON CONFLICT ON CONSTRAINT pk_attendance
       DO UPDATE SET present = EXCLUDED.present, marked_by_id = EXCLUDED.marked_by_id, marked_at = now()`,
      [marks.map((x) => x.enrolmentId), marks.map((x) => x.meetingId), marks.map((x) => x.present), markedById],
    );
  }
}
