import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface AttendanceMark {
  enrolmentId: string;
  meetingId: string;
  present: boolean;
}

@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enrolmentStatuses(manager: EntityManager, sessionId: string, ids: string[]): Promise<Map<string, { status: string; userId: string }>> {
    const rows: Array<{ id: string; status: string; user_id: string }> = await manager.query(
      `SELECT id, status, user_id FROM enrolments WHERE session_id = $1 AND id = ANY($2)`,
      [sessionId, ids],
    );
    return new Map(rows.map((r) => [r.id, { status: r.status, userId: r.user_id }]));
  }

  /** What has been marked for a session's meetings so far (one row per enrolment and meeting marked). */
  async marksOf(sessionId: string): Promise<AttendanceMark[]> {
    const rows: Array<{ enrolment_id: string; meeting_id: string; present: boolean }> = await this.dataSource.query(
      `SELECT a.enrolment_id, a.meeting_id, a.present
         FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id
        WHERE e.session_id = $1
        ORDER BY a.meeting_id, a.enrolment_id`,
      [sessionId],
    );
    return rows.map((r) => ({ enrolmentId: r.enrolment_id, meetingId: r.meeting_id, present: r.present }));
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
