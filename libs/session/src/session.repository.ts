import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { Page } from '@schakel/common';
import { Meeting } from './entities/meeting.entity';
import { SessionTrainer } from './entities/session-trainer.entity';
import { Session } from './entities/session.entity';

export interface SessionFilter {
  courseId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Who is asking, for the visibility rule of in-company sessions. */
export interface SessionViewer {
  userId?: string;
  isPlatformAdmin: boolean;
  memberOf: string[];
}

@Injectable()
export class SessionRepository {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    @InjectRepository(SessionTrainer) private readonly trainers: Repository<SessionTrainer>,
  ) {}

  findById(id: string, manager?: EntityManager): Promise<Session | null> {
    return (manager?.getRepository(Session) ?? this.sessions).findOneBy({ id });
  }

  /** The session row under an exclusive lock: every seat change goes through here. */
  lockForUpdate(manager: EntityManager, id: string): Promise<Session | null> {
    return manager.getRepository(Session).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  meetingsOf(sessionIds: string[], manager?: EntityManager): Promise<Meeting[]> {
    if (sessionIds.length === 0) return Promise.resolve([]);
    return (manager?.getRepository(Meeting) ?? this.meetings).find({
      where: { sessionId: In(sessionIds) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  async trainerIds(sessionId: string): Promise<string[]> {
    const rows = await this.trainers.find({ where: { sessionId }, order: { userId: 'ASC' } });
    return rows.map((r) => r.userId);
  }

  async insert(manager: EntityManager, session: Partial<Session>, meetings: Array<Pick<Meeting, 'startsAt' | 'endsAt'>>, trainerIds: string[]): Promise<Session> {
    const saved = await manager.getRepository(Session).save(manager.getRepository(Session).create(session));
    await manager.getRepository(Meeting).insert(meetings.map((m) => ({ ...m, sessionId: saved.id })));
    await manager.getRepository(SessionTrainer).insert(trainerIds.map((userId) => ({ sessionId: saved.id, userId })));
    return saved;
  }

  async saveSession(manager: EntityManager, session: Session): Promise<Session> {
    return manager.getRepository(Session).save(session);
  }

  async saveMeetings(manager: EntityManager, meetings: Array<Partial<Meeting>>): Promise<void> {
    if (meetings.length > 0) await manager.getRepository(Meeting).save(meetings.map((m) => manager.getRepository(Meeting).create(m)));
  }

  async page(filter: SessionFilter, viewer: SessionViewer): Promise<Page<Session>> {
    const query = this.sessions.createQueryBuilder('s').orderBy('s.starts_at', 'ASC').addOrderBy('s.id', 'ASC').take(filter.limit).skip(filter.offset);
    if (!viewer.isPlatformAdmin) {
      query.where(
        `(s.visibility = 'open' OR s.organisation_id = ANY(:memberOf)
          OR EXISTS (SELECT 1 FROM session_trainers t WHERE t.session_id = s.id AND t.user_id = :userId))`,
        { memberOf: viewer.memberOf, userId: viewer.userId ?? null },
      );
    }
    if (filter.courseId) query.andWhere('s.course_id = :courseId', { courseId: filter.courseId });
    if (filter.from) query.andWhere('s.ends_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('s.starts_at < :to', { to: filter.to });
    const [items, total] = await query.getManyAndCount();
    return { items, total };
  }

  /**
   * The sessions a person trains (her "Mijn sessies"), with their course: still to come or
   * running (soonest first), or ended (latest first, at most `limit`).
   */
  trainedBy(userId: string, when: 'upcoming' | 'past', limit: number): Promise<Session[]> {
    return this.sessions
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.course', 'c')
      .where('EXISTS (SELECT 1 FROM session_trainers t WHERE t.session_id = s.id AND t.user_id = :userId)', { userId })
      .andWhere(when === 'upcoming' ? 's.ends_at >= now()' : 's.ends_at < now()')
      .orderBy('s.starts_at', when === 'upcoming' ? 'ASC' : 'DESC')
      .addOrderBy('s.id', 'ASC')
      .take(limit)
      .getMany();
  }

  async usersExist(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await this.sessions.query(`SELECT id FROM users WHERE id = ANY($1)`, [ids]);
    return rows.map((r) => r.id);
  }

  async courseFormat(
    courseId: string,
  ): Promise<{ format: string; title: string; status: 'draft' | 'published' | 'archived'; createdById: string | null } | null> {
    const rows: Array<{ format: string; title: string; status: 'draft' | 'published' | 'archived'; createdById: string | null }> =
      await this.sessions.query(`SELECT format, title, status, created_by_id AS "createdById" FROM courses WHERE id = $1`, [courseId]);
    return rows[0] ?? null;
  }

  /** A learner holding a seat (confirmed, or completed) may see the meeting link. */
  async isConfirmedLearner(sessionId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.sessions.query(
      `SELECT 1 FROM enrolments WHERE session_id = $1 AND user_id = $2 AND status IN ('confirmed', 'completed')`,
      [sessionId, userId],
    );
    return rows.length > 0;
  }

  async organisationExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.sessions.query(`SELECT 1 FROM organisations WHERE id = $1`, [id]);
    return rows.length > 0;
  }
}
