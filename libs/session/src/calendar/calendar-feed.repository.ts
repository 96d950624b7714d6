import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { CalendarFeed } from '../entities/calendar-feed.entity';
import { Session } from '../entities/session.entity';

@Injectable()
export class CalendarFeedRepository {
  constructor(@InjectRepository(CalendarFeed) private readonly feeds: Repository<CalendarFeed>) {}

  findByUser(userId: string): Promise<CalendarFeed | null> {
    return this.feeds.findOneBy({ userId });
  }

  findByTokenHash(tokenHash: string): Promise<CalendarFeed | null> {
    return this.feeds.findOneBy({ tokenHash });
  }

  /** Creates the feed unless one exists (two tabs asking at once get the same one). */
  async insertIfAbsent(userId: string, nonce: string, tokenHash: string): Promise<CalendarFeed> {
    await this.feeds.createQueryBuilder().insert().values({ userId, nonce, tokenHash }).orIgnore().execute();
    return (await this.findByUser(userId))!;
  }

  async replace(userId: string, nonce: string, tokenHash: string): Promise<void> {
    await this.feeds.query(
      `INSERT INTO calendar_feeds (user_id, nonce, token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET nonce = EXCLUDED.nonce, token_hash = EXCLUDED.token_hash, created_at = now()`,
      [userId, nonce, tokenHash],
    );
  }

  async remove(userId: string): Promise<boolean> {
    return ((await this.feeds.delete({ userId })).affected ?? 0) > 0;
  }

  /**
   * The sessions for a person's feed: those where she holds a seat, plus sessions that were
   * cancelled while she was in them (so her calendar shows the cancellation).
   */
  async sessionsFor(userId: string): Promise<Array<{ session: Session; courseTitle: string }>> {
    const rows: Array<{ id: string; course_title: string }> = await this.feeds.query(
      `SELECT DISTINCT s.id, c.title AS course_title, s.starts_at
         FROM enrolments e JOIN sessions s ON s.id = e.session_id JOIN courses c ON c.id = s.course_id
        WHERE e.user_id = $1
          AND (e.status IN ('confirmed', 'completed') OR (e.status = 'cancelled' AND s.status = 'cancelled'))
          AND s.ends_at > now() - interval '180 days'
        ORDER BY s.starts_at LIMIT 500`,
      [userId],
    );
    if (rows.length === 0) return [];
    const sessions = await this.feeds.manager.getRepository(Session).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(sessions.map((s) => [s.id, s]));
    return rows.map((r) => ({ session: byId.get(r.id)!, courseTitle: r.course_title }));
  }
}
