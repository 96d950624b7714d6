import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEMO_MEMBERS, DEMO_ORGANISATION } from './demo-accounts';

interface DemoSession {
  courseSlug: string;
  title: string;
  visibility: 'open' | 'in-company';
  location: string;
  capacity: number;
  /** Days from today of each meeting, 09:30–16:00 Amsterdam time. */
  meetingDays: number[];
}

const DEMO_SESSIONS: DemoSession[] = [
  { courseSlug: 'zie-mij', title: 'Open trainingsdag', visibility: 'open', location: 'Buurthuis De Schakel, Utrecht', capacity: 20, meetingDays: [21] },
  { courseSlug: 'verdiepingstraining-wijkteams', title: 'Wijkteams Voorbeeldstad', visibility: 'in-company', location: 'Stadskantoor Voorbeeldstad, zaal 3', capacity: 14, meetingDays: [28, 35] },
  { courseSlug: 'het-eerste-gesprek', title: 'Avondtraining', visibility: 'open', location: 'Bibliotheek Voorbeeldstad', capacity: 16, meetingDays: [42] },
];

/**
 * Demo sessions for the live and blended demo courses, found by slug (the catalogue seeds
 * them; a course that is not there yet is skipped). Idempotent: a session with the same
 * course and title is not made twice.
 */
@Injectable()
export class DemoSessionsSeeder {
  private readonly logger = new Logger(DemoSessionsSeeder.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async seed(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('schakel-demo-sessions'))`);
      const [organisation] = (await manager.query(`SELECT id FROM organisations WHERE name = $1`, [DEMO_ORGANISATION.name])) as Array<{ id: string }>;
      const trainerEmail = DEMO_MEMBERS.find((m) => m.roles.includes('trainer'))?.email;
      const [trainer] = (await manager.query(`SELECT id FROM users WHERE email = $1`, [trainerEmail])) as Array<{ id: string }>;
      for (const demo of DEMO_SESSIONS) await this.seedOne(manager, demo, organisation?.id, trainer?.id);
    });
  }

  private async seedOne(manager: EntityManager, demo: DemoSession, organisationId?: string, trainerId?: string): Promise<void> {
    const [course] = (await manager.query(
      `SELECT id FROM courses WHERE slug = $1 AND format IN ('live', 'blended')`, [demo.courseSlug])) as Array<{ id: string }>;
    if (!course || (demo.visibility === 'in-company' && !organisationId)) return;
    const exists: unknown[] = await manager.query(`SELECT 1 FROM sessions WHERE course_id = $1 AND title = $2`, [course.id, demo.title]);
    if (exists.length > 0) return;
    const meetings = demo.meetingDays.map((days) => ({ startsAt: amsterdam(days, '09:30'), endsAt: amsterdam(days, '16:00') }));
    const [session] = (await manager.query(
      `INSERT INTO sessions (course_id, title, timezone, location, capacity, visibility, organisation_id, starts_at, ends_at, created_by_id)
       VALUES ($1, $2, 'Europe/Amsterdam', $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [course.id, demo.title, demo.location, demo.capacity, demo.visibility, demo.visibility === 'in-company' ? organisationId : null,
        meetings[0].startsAt, meetings[meetings.length - 1].endsAt, trainerId ?? null],
    )) as Array<{ id: string }>;
    for (const m of meetings) {
      await manager.query(`INSERT INTO meetings (session_id, starts_at, ends_at) VALUES ($1, $2, $3)`, [session.id, m.startsAt, m.endsAt]);
    }
    if (trainerId) await manager.query(`INSERT INTO session_trainers (session_id, user_id) VALUES ($1, $2)`, [session.id, trainerId]);
    this.logger.log(`demo session "${demo.title}" for ${demo.courseSlug}`);
  }
}

/** A wall-clock time in Amsterdam, `days` from today, as an instant (the database does the zone rules). */
function amsterdam(days: number, time: string): string {
  const date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${date} ${time}:00 Europe/Amsterdam`;
}
