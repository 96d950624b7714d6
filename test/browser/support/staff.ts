import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The calendar date (YYYY-MM-DD) of an instant in Amsterdam, as a date field takes it. */
export const amsterdamDate = (at: Date): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(at);

/** Moves a session and its meetings `days` whole days earlier (times of day stay tidy for the screenshots). */
async function moveDaysEarlier(app: INestApplicationContext, sessionId: string, days: (firstStart: Date, lastStart: Date) => number): Promise<void> {
  await app.get(DataSource).transaction(async (manager) => {
    const [row]: Array<{ first: Date; last: Date }> = await manager.query(`SELECT min(starts_at) AS first, max(starts_at) AS last FROM meetings WHERE session_id = $1`, [sessionId]);
    const shift = `${days(new Date(row.first), new Date(row.last))} days`;
    await manager.query(`UPDATE meetings SET starts_at = starts_at - $2::interval, ends_at = ends_at - $2::interval WHERE session_id = $1`, [sessionId, shift]);
    await manager.query(`UPDATE sessions SET starts_at = starts_at - $2::interval, ends_at = ends_at - $2::interval WHERE id = $1`, [sessionId, shift]);
  });
}

const DAY = 86_400_000;

/**
 * Time travel to the day before: the first meeting starts within 24 hours (inside the promotion
 * cutoff, where a freed seat waits for the trainer's hand), at the same time of day as planned.
 */
export const firstMeetingWithinADay = (app: INestApplicationContext, sessionId: string): Promise<void> =>
  moveDaysEarlier(app, sessionId, (first) => Math.floor((first.getTime() - Date.now()) / DAY));

/** Time travel past the last meeting's start (whole days back): every meeting has begun, so attendance can be marked. */
export const allMeetingsStarted = (app: INestApplicationContext, sessionId: string): Promise<void> =>
  moveDaysEarlier(app, sessionId, (_first, last) => Math.ceil((last.getTime() - Date.now()) / DAY));
