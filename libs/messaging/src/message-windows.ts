/**
 * When each scheduled message applies. The sweep's SQL (sweep.repository.ts) selects
 * with the same rules; the delivery checks them again at send time, because a job may
 * run late (a worker was down) and only the latest window that still applies is sent.
 */
const DAY_MS = 24 * 3600 * 1000;

export type ReminderWindow = '7d' | '1d';
export type ExpiryWindow = '60d' | '14d';

export const REMINDER_DAYS: Record<ReminderWindow, number> = { '7d': 7, '1d': 1 };
export const EXPIRY_DAYS: Record<ExpiryWindow, number> = { '60d': 60, '14d': 14 };
/** A module without progress for this long gets a nudge; at most NUDGE_MAX of them. */
export const NUDGE_AFTER_DAYS = 14;
export const NUDGE_MAX = 2;

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

/**
 * Which nudge (1 or 2) is due for a module: no progress for NUDGE_AFTER_DAYS, and the
 * previous nudge (if any) at least that long ago. Null when none is due or both were sent.
 */
export function nudgeDue(lastActivityAt: Date, previousNudges: Date[], now: Date): number | null {
  if (previousNudges.length >= NUDGE_MAX) return null;
  const quietSince = now.getTime() - NUDGE_AFTER_DAYS * DAY_MS;
  if (lastActivityAt.getTime() > quietSince) return null;
  const last = previousNudges.reduce((max, d) => Math.max(max, d.getTime()), 0);
  if (last > quietSince) return null;
  return previousNudges.length + 1;
}
