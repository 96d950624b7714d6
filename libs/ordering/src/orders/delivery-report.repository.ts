import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ParticipantRow {
  userId: string;
  name: string;
  enrolmentStatus: string;
  meetingsAttended: number;
  completed: boolean;
  certificateId: string | null;
  certificateCode: string | null;
  certificateIssuedAt: Date | null;
}

/** What became of an in-company order's session: per person enrolled in it. */
@Injectable()
export class DeliveryReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async meetingCount(sessionId: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM meetings WHERE session_id = $1 AND cancelled_at IS NULL`, [sessionId])) as Array<{ n: number }>;
    return row.n;
  }

  /** Everyone who held a seat or a place in line (cancelled ones are left out), by name. */
  participants(sessionId: string): Promise<ParticipantRow[]> {
    return this.dataSource.query(
      `SELECT e.user_id AS "userId", u.name, e.status AS "enrolmentStatus",
              (SELECT count(*)::int FROM attendance a JOIN meetings m ON m.id = a.meeting_id
                WHERE a.enrolment_id = e.id AND a.present AND m.cancelled_at IS NULL) AS "meetingsAttended",
              (k.id IS NOT NULL) AS completed,
              c.id AS "certificateId", c.code AS "certificateCode", c.issued_at AS "certificateIssuedAt"
         FROM enrolments e JOIN users u ON u.id = e.user_id
         LEFT JOIN completions k ON k.enrolment_id = e.id
         LEFT JOIN certificates c ON c.completion_id = k.id AND c.state = 'issued' AND c.revoked_at IS NULL
        WHERE e.session_id = $1 AND e.status <> 'cancelled'
        ORDER BY u.name, e.user_id`,
      [sessionId],
    );
  }
}
