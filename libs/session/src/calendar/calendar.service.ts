import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@schakel/config';
import type { AuthUser } from '@schakel/identity';
import { CalendarFeedRepository } from './calendar-feed.repository';
import type { Meeting } from '../entities/meeting.entity';
import type { Session } from '../entities/session.entity';
import { buildIcs, IcsSession } from './ics.builder';
import { SessionAccess } from '../session-access.service';
import { SessionError } from '../session.exception';
import { SessionRepository } from '../session.repository';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The .ics of one session, and each person's secret feed of her sessions. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly config: AppConfig,
    private readonly sessions: SessionRepository,
    private readonly feeds: CalendarFeedRepository,
    private readonly access: SessionAccess,
  ) {}

  async sessionIcs(user: AuthUser | undefined, sessionId: string): Promise<string> {
    const session = await this.access.findVisible(user, sessionId);
    const course = await this.sessions.courseFormat(session.courseId);
    const meetings = await this.sessions.meetingsOf([session.id]);
    // A public calendar file carries the meeting link only for those who may join.
    const mayJoin =
      !!user && (user.isPlatformAdmin || (await this.access.isTrainer(session.id, user.id)) || (await this.sessions.isConfirmedLearner(session.id, user.id)));
    const ics = this.toIcs(session, meetings, course?.title ?? 'Schakel');
    return buildIcs({
      name: course?.title ?? 'Schakel',
      sessions: [mayJoin ? ics : { ...ics, onlineUrl: null }],
      method: session.status === 'cancelled' ? 'CANCEL' : 'PUBLISH',
      stamp: new Date(),
    });
  }

  /** The person's feed URL; made on first request, the same URL afterwards until rotated. */
  async feedUrl(user: AuthUser): Promise<string> {
    const existing = await this.feeds.findByUser(user.id);
    const feed = existing ?? (await this.feeds.insertIfAbsent(user.id, ...this.newSecret()));
    return this.urlFor(this.tokenFor(feed.nonce));
  }

  async rotate(user: AuthUser): Promise<string> {
    const [nonce, hash] = this.newSecret();
    await this.feeds.replace(user.id, nonce, hash);
    return this.urlFor(this.tokenFor(nonce));
  }

  async revoke(user: AuthUser): Promise<void> {
    if (!(await this.feeds.remove(user.id))) throw SessionError.feedNotFound();
  }

  async feedIcs(token: string): Promise<string> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw SessionError.feedNotFound();
    const feed = await this.feeds.findByTokenHash(sha256(token));
    if (!feed) throw SessionError.feedNotFound();
    const rows = await this.feeds.sessionsFor(feed.userId);
    const meetings = await this.sessions.meetingsOf(rows.map((r) => r.session.id));
    return buildIcs({
      name: 'Schakel',
      sessions: rows.map((r) => this.toIcs(r.session, meetings.filter((m) => m.sessionId === r.session.id), r.courseTitle)),
      stamp: new Date(),
    });
  }

  private toIcs(session: Session, meetings: Meeting[], courseTitle: string): IcsSession {
    return {
      title: session.title ? `${courseTitle}: ${session.title}` : courseTitle,
      timezone: session.timezone,
      location: session.location,
      onlineUrl: session.onlineUrl,
      sequence: session.sequence,
      cancelled: session.status === 'cancelled',
      url: `${this.config.publicBaseUrl}/api/sessions/${session.id}`,
      meetings: meetings.map((m) => ({ id: m.id, startsAt: m.startsAt, endsAt: m.endsAt, sequence: m.sequence, cancelled: m.cancelledAt !== null })),
    };
  }

  /**
   * 256 random bits of nonce; the token is HMAC(server key, nonce): 256 bits nobody can
   * derive from the database alone. Only its sha256 is stored, for lookup.
   */
  private newSecret(): [string, string] {
    const nonce = randomBytes(32).toString('base64url');
    return [nonce, sha256(this.tokenFor(nonce))];
  }

  private tokenFor(nonce: string): string {
    return createHmac('sha256', this.config.keys.calendarFeeds).update(`calendar-feed:${nonce}`).digest('base64url');
  }

  private urlFor(token: string): string {
    return `${this.config.publicBaseUrl}/api/calendar/${token}.ics`;
  }
}
