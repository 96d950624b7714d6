import { DateTime } from 'luxon';
import { DISPLAY_ZONE, localDateTimeToIso } from '@schakel/common';
import { FormErrors, formText } from '@schakel/web';
import { formList } from './form-values';
import { isUuid } from '@schakel/common';
import type { Word } from './session-form';

/** The rows the form shows at most (the JSON route takes up to 50 meetings; a trainer needs far fewer). */
export const MAX_MEETING_ROWS = 30;

/** One row of the form: an existing meeting (`id`) or a new one (empty `id`), as typed. */
export interface MeetingFormRow {
  index: number;
  n: number;
  id: string;
  date: string;
  start: string;
  end: string;
  remove: boolean;
}

/** A meeting the session has now, as the form first shows it (Amsterdam dates and times). */
export interface CurrentMeeting {
  id: string;
  startsAt: string;
  endsAt: string;
}

const local = (iso: string) => DateTime.fromISO(iso, { zone: DISPLAY_ZONE });
const shown = (m: CurrentMeeting) => ({ date: local(m.startsAt).toFormat('yyyy-MM-dd'), start: local(m.startsAt).toFormat('HH:mm'), end: local(m.endsAt).toFormat('HH:mm') });

export function rowsOfMeetings(meetings: readonly CurrentMeeting[]): MeetingFormRow[] {
  return withEmptyRow(meetings.map((m, index) => ({ index, n: index + 1, id: m.id, ...shown(m), remove: false })));
}

/** The form as posted: `rowCount` rows, each `id-i`, `date-i`, `start-i`, `end-i`, and the ticked `remove` rows. */
export function readMeetingsForm(body: unknown): MeetingFormRow[] {
  const count = Math.min(MAX_MEETING_ROWS, Math.max(1, Number.parseInt(formText(body, 'rowCount'), 10) || 1));
  const removed = new Set(formList(body, 'remove'));
  return Array.from({ length: count }, (_, index) => {
    const id = formText(body, `id-${index}`);
    return {
      index,
      n: index + 1,
      id: isUuid(id) ? id : '',
      date: formText(body, `date-${index}`),
      start: formText(body, `start-${index}`),
      end: formText(body, `end-${index}`),
      remove: removed.has(String(index)),
    };
  });
}

/** One more empty row at the end (to add a meeting), unless the last one is empty already. */
export function withEmptyRow(rows: MeetingFormRow[]): MeetingFormRow[] {
  const last = rows[rows.length - 1];
  if ((last && isEmpty(last)) || rows.length >= MAX_MEETING_ROWS) return rows;
  const index = rows.length;
  return [...rows, { index, n: index + 1, id: '', date: '', start: '', end: '', remove: false }];
}

const isEmpty = (row: MeetingFormRow) => !row.id && !row.date && !row.start && !row.end;

/**
 * The rows as the new meeting list of PATCH /api/sessions/:id (kept meetings by id, so their
 * calendar entry is updated, not replaced), with each problem at its own field. Empty new rows
 * are skipped; a ticked existing row is left out (the domain cancels it); at least one stays.
 */
export function toMeetingList(
  rows: MeetingFormRow[], current: readonly CurrentMeeting[], word: Word,
): { meetings: Array<{ id?: string; startsAt: string; endsAt: string }>; errors: FormErrors } {
  const errors = new FormErrors();
  const meetings: Array<{ id?: string; startsAt: string; endsAt: string }> = [];
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const row of rows) {
    if (isEmpty(row) || row.remove) continue;
    // A row left as shown keeps its exact instants (the form shows minutes; the API may have stored seconds).
    const kept = byId.get(row.id);
    const asShown = kept && shown(kept);
    if (kept && asShown && asShown.date === row.date && asShown.start === row.start.padStart(5, '0') && asShown.end === row.end.padStart(5, '0')) {
      meetings.push({ id: kept.id, startsAt: kept.startsAt, endsAt: kept.endsAt });
      continue;
    }
    const startsAt = localDateTimeToIso(row.date, row.start);
    const endsAt = localDateTimeToIso(row.date, row.end);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date) || !DateTime.fromISO(row.date).isValid) errors.add(`date-${row.index}`, word('errors.date', { n: row.n }));
    else if (!startsAt) errors.add(`start-${row.index}`, word('errors.start', { n: row.n }));
    else if (!endsAt) errors.add(`end-${row.index}`, word('errors.end', { n: row.n }));
    else if (Date.parse(endsAt) <= Date.parse(startsAt)) errors.add(`end-${row.index}`, word('errors.endBeforeStart', { n: row.n }));
    else meetings.push({ ...(row.id ? { id: row.id } : {}), startsAt, endsAt });
  }
  if (!errors.any && meetings.length === 0) {
    const firstRemoved = rows.find((r) => r.remove);
    errors.add(firstRemoved ? `remove-${firstRemoved.index}` : 'date-0', word('errors.lastMeeting'));
  }
  return { meetings, errors };
}
