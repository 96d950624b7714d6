import { DateTime } from 'luxon';
import type { Locale } from './chain-role';

export const DISPLAY_ZONE = 'Europe/Amsterdam';

const at = (date: Date, locale: Locale, zone: string) => DateTime.fromJSDate(date, { zone }).setLocale(locale === 'en' ? 'en-GB' : 'nl');

/** "dinsdag 3 maart 2026, 10:00–16:00" (or the end's date too when it ends on another day). */
export function formatMeeting(startsAt: Date, endsAt: Date, locale: Locale, zone = DISPLAY_ZONE): string {
  const start = at(startsAt, locale, zone);
  const end = at(endsAt, locale, zone);
  const day = (d: DateTime) => d.toFormat('cccc d LLLL yyyy');
  if (start.hasSame(end, 'day')) return `${day(start)}, ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`;
  return `${day(start)}, ${start.toFormat('HH:mm')} – ${day(end)}, ${end.toFormat('HH:mm')}`;
}

/** "3 maart 2027" */
export function formatDate(date: Date, locale: Locale, zone = DISPLAY_ZONE): string {
  return at(date, locale, zone).toFormat('d LLLL yyyy');
}

/**
 * A date and a clock time as a person types them in a form ("2027-03-02", "10:00"), read in
 * Europe/Amsterdam, as ISO 8601 with its offset ("2027-03-02T10:00:00.000+01:00"); null when
 * either is not a real date or time (so a page can say which field is wrong).
 */
export function localDateTimeToIso(date: string, time: string, zone = DISPLAY_ZONE): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}:\d{2}$/.test(time)) return null;
  const local = DateTime.fromISO(`${date}T${time.padStart(5, '0')}`, { zone });
  return local.isValid ? local.toISO() : null;
}
