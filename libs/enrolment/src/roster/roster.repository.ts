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

/** Who is coming to a session: trainers see everyone, org admins their own members. */
@Injectable()
export class RosterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Enrolments of a session for its roster; `onlyMembersOf` limits it to people of these organisations. */
  async page(sessionId: string, page: { limit: number; offset: number; onlyMembersOf?: string[] }): Promise<{ items: RosterRow[]; total: number }> {
    const params: unknown[] = [sessionId];
    let memberFilter = '';
    if (page.onlyMembersOf) {
      params.push(page.onlyMembersOf);
      memberFilter = `AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = e.user_id AND m.organisation_id = ANY($${params.length}))`;
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
