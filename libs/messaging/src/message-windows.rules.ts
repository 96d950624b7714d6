import { DateTime } from 'luxon';

/**
 * When each scheduled message applies. The sweep's SQL (sweep.queries.ts) selects with
 * the same rules; the delivery checks them again at send time, because a job may run
 * late (a worker was down) and only the latest window that still applies is sent.
 */
const DAY_MS = 24 * 3600 * 1000;

export type ReminderWindow = '7d' | '1d';
export type ExpiryWindow = '60d' | '14d';
/** Which of the (at most two) nudges of a quiet module. */
export type NudgeNumber = '1' | '2';

const REMINDER_DAYS: Record<ReminderWindow, number> = { '7d': 7, '1d': 1 };
const EXPIRY_DAYS: Record<ExpiryWindow, number> = { '60d': 60, '14d': 14 };
/** A module without progress for this long gets a nudge (the sweep's SQL says 14 days too). */
export const NUDGE_AFTER_DAYS = 14;

/** 1d from one day before the start, 7d from seven days before until the 1d one takes over. */
export function reminderWindowAt(startsAt: Date, now: Date): ReminderWindow | null {
  const left = startsAt.getTime() - now.getTime();
  if (left <= 0) return null;
  if (left <= REMINDER_DAYS['1d'] * DAY_MS) return '1d';
  if (left <= REMINDER_DAYS['7d'] * DAY_MS) return '7d';
  return null;
}

/** 14d from fourteen days before expiry, 60d from sixty days before until the 14d one takes over. */
export function expiryWindowAt(expiresAt: Date, now: Date): ExpiryWindow | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  if (left <= EXPIRY_DAYS['14d'] * DAY_MS) return '14d';
  if (left <= EXPIRY_DAYS['60d'] * DAY_MS) return '60d';
  return null;
}

/** Still quiet enough for a nudge at send time: the learner made no progress since the sweep chose it. */
export function stillQuiet(lastActivityAt: Date, now: Date): boolean {
  return now.getTime() - lastActivityAt.getTime() >= NUDGE_AFTER_DAYS * DAY_MS;
}

/** How a reminder names the moment: calendar days in the session's zone, and the start time there. */
export interface ReminderWhen {
  /** 0 today, 1 tomorrow, … (calendar days in `zone`, not 24-hour periods). */
  days: number;
  today: boolean;
  tomorrow: boolean;
  /** HH:mm in `zone`. */
  time: string;
}

/**
 * A reminder tells the truth about when: someone who enrols an hour before a 14:00
 * session hears "today at 14:00", not "tomorrow" (the 1d window is "within 24 hours").
 */
export function reminderWhen(startsAt: Date, now: Date, zone: string): ReminderWhen {
  const start = DateTime.fromJSDate(startsAt, { zone });
  const days = Math.round(start.startOf('day').diff(DateTime.fromJSDate(now, { zone }).startOf('day'), 'days').days);
  return { days, today: days === 0, tomorrow: days === 1, time: start.toFormat('HH:mm') };
}
