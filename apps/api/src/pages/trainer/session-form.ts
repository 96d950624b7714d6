import { DateTime } from 'luxon';
import { DISPLAY_ZONE, DomainException } from '@schakel/common';
import { FormErrors, formText } from '@schakel/web';

/** Meeting rows the form shows: one to start with, one more per "Nog een bijeenkomst", at most this many. */
export const MAX_MEETING_ROWS = 20;

export interface MeetingRow {
  index: number;
  n: number;
  date: string;
  start: string;
  end: string;
}

/** What the trainer typed, to show again with the errors (never lost on a mistake). */
export interface SessionFormValues {
  courseId: string;
  meetings: MeetingRow[];
  location: string;
  onlineUrl: string;
  capacity: string;
  visibility: string;
  organisationId: string;
  deadline: string;
}

export type Word = (key: string, values?: Record<string, unknown>) => string;

/** "2027-03-02" + "10:00" in Amsterdam → ISO 8601 with its offset; null when not a real date or time. */
export function localIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}:\d{2}$/.test(time)) return null;
  const local = DateTime.fromISO(`${date}T${time.padStart(5, '0')}`, { zone: DISPLAY_ZONE });
  return local.isValid ? local.toISO() : null;
}

export function readSessionForm(body: unknown): SessionFormValues {
  const count = Math.min(MAX_MEETING_ROWS, Math.max(1, Number.parseInt(formText(body, 'meetingCount'), 10) || 1));
  const meetings = Array.from({ length: count }, (_, index) => ({
    index,
    n: index + 1,
    date: formText(body, `date-${index}`),
    start: formText(body, `start-${index}`),
    end: formText(body, `end-${index}`),
  }));
  return {
    courseId: formText(body, 'courseId'),
    meetings,
    location: formText(body, 'location'),
    onlineUrl: formText(body, 'onlineUrl'),
    capacity: formText(body, 'capacity'),
    visibility: formText(body, 'visibility') || 'open',
    organisationId: formText(body, 'organisationId'),
    deadline: formText(body, 'deadline'),
  };
}

/** An empty form: one meeting row, open to everyone. */
export const emptySessionForm = (): SessionFormValues => readSessionForm({});

/**
 * The form as the JSON route's body (CreateSessionDto), with the problems the DTO cannot word
 * for a person: which meeting row, which time. Rows left fully empty are skipped.
 */
export function toCreateSession(form: SessionFormValues, word: Word): { input: Record<string, unknown>; errors: FormErrors } {
  const errors = new FormErrors();
  if (!form.courseId) errors.add('courseId', word('errors.course'));
  const meetings: Array<{ startsAt: string; endsAt: string }> = [];
  for (const row of form.meetings) {
    if (row.index > 0 && !row.date && !row.start && !row.end) continue;
    const startsAt = localIso(row.date, row.start);
    const endsAt = localIso(row.date, row.end);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date) || !DateTime.fromISO(row.date).isValid) errors.add(`date-${row.index}`, word('errors.date', { n: row.n }));
    else if (!startsAt) errors.add(`start-${row.index}`, word('errors.start', { n: row.n }));
    else if (!endsAt) errors.add(`end-${row.index}`, word('errors.end', { n: row.n }));
    else if (endsAt <= startsAt) errors.add(`end-${row.index}`, word('errors.endBeforeStart', { n: row.n }));
    else meetings.push({ startsAt, endsAt });
  }
  if (!form.location && !form.onlineUrl) errors.add('location', word('errors.place'));
  let enrolmentDeadline: string | undefined;
  if (form.deadline) {
    enrolmentDeadline = localIso(form.deadline, '23:59') ?? undefined;
    if (!enrolmentDeadline) errors.add('deadline', word('errors.deadline'));
  }
  if (form.visibility === 'in-company' && !form.organisationId) errors.add('organisationId', word('errors.organisation'));
  const capacity = /^\d{1,6}$/.test(form.capacity) ? Number(form.capacity) : form.capacity;
  return {
    errors,
    input: {
      meetings,
      capacity,
      visibility: form.visibility,
      ...(form.location ? { location: form.location } : {}),
      ...(form.onlineUrl ? { onlineUrl: form.onlineUrl } : {}),
      ...(form.visibility === 'in-company' && form.organisationId ? { organisationId: form.organisationId } : {}),
      ...(enrolmentDeadline ? { enrolmentDeadline } : {}),
    },
  };
}

/** The DTO's fields, as the page words them (class-validator's property → the form's field). */
export const sessionFieldWords = (word: Word): Record<string, string> => ({
  meetings: word('errors.meetings'),
  location: word('errors.location'),
  onlineUrl: word('errors.onlineUrl'),
  capacity: word('errors.capacity'),
  visibility: word('errors.visibility'),
  organisationId: word('errors.organisation'),
  enrolmentDeadline: word('errors.deadline'),
});

/** The form field a DTO property is shown at. */
export const sessionFieldOf = (property: string): string =>
  ({ meetings: 'date-0', enrolmentDeadline: 'deadline' } as Record<string, string>)[property] ?? property;

/**
 * The scheduling refusals a trainer can cause by what she chose, as a field problem; anything
 * else is not hers to fix and goes on to the error pages.
 */
export function sessionRefusal(error: unknown, word: Word): { field: string; message: string } | null {
  if (!(error instanceof DomainException)) return null;
  switch (error.code) {
    case 'session.course-not-found':
      return { field: 'courseId', message: word('errors.course') };
    case 'session.course-not-live':
      return { field: 'courseId', message: word('errors.courseNotLive') };
    case 'session.not-course-author':
    case 'session.may-not-schedule':
      return { field: 'courseId', message: word('errors.courseNotAuthor') };
    case 'organisation.not-found':
    case 'organisation.role-required':
    case 'session.organisation-not-found':
      return { field: 'organisationId', message: word('errors.organisationNotAllowed') };
    case 'session.invalid':
      return error.details?.[0]?.field === 'organisationId'
        ? { field: 'organisationId', message: word('errors.organisation') }
        : { field: 'location', message: word('errors.place') };
    case 'session.invalid-meetings':
      return { field: 'date-0', message: word('errors.meetings') };
    default:
      return null;
  }
}
