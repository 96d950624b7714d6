import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RosterRow {
  id: string;
  userId: string;
  name: string;
  email: string;
  status: string;
  waitlistPosition: number | null;
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
}

/** Who is coming to a session: trainers see everyone, org admins the enrolments their organisation owns. */
@Injectable()
export class RosterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Enrolments of a session for its roster; `onlyOwnedBy` limits it to enrolments these
   * organisations own (rights follow the record: sharing an organisation with the person
   * is not enough).
   */
  async page(sessionId: string, page: { limit: number; offset: number; onlyOwnedBy?: string[] }): Promise<{ items: RosterRow[]; total: number }> {
    const params: unknown[] = [sessionId];
    let memberFilter = '';
    if (page.onlyOwnedBy) {
      params.push(page.onlyOwnedBy);
      memberFilter = `AND e.organisation_id = ANY($${params.length}::uuid[])`;
    }
    const [count] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM enrolments e WHERE e.session_id = $1 ${memberFilter}`, params)) as Array<{ n: number }>;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT e.id, e.user_id, u.name, u.email, e.status, e.waitlist_position, e.created_at, e.confirmed_at, e.cancelled_at
         FROM enrolments e JOIN users u ON u.id = e.user_id
        WHERE e.session_id = $1 ${memberFilter}
        ORDER BY CASE e.status WHEN 'confirmed' THEN 0 WHEN 'completed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
                 e.waitlist_position NULLS LAST, e.confirmed_at NULLS LAST, e.created_at, e.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return {
      total: count.n,
      items: rows.map((r) => ({
        id: r.id as string,
        userId: r.user_id as string,
        name: r.name as string,
        email: r.email as string,
        status: r.status as string,
        waitlistPosition: r.waitlist_position as number | null,
        createdAt: r.created_at as Date,
        confirmedAt: r.confirmed_at as Date | null,
        cancelledAt: r.cancelled_at as Date | null,
      })),
    };
  }
}
