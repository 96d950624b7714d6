import type { Locale } from '@schakel/common';
import { CreateOrderDto } from '@schakel/ordering';
import { formText, validateForm, type FormErrors, type PageRenderer } from '@schakel/web';

/** What the "Bestellen" form sent, as typed (shown again with its problems). */
export interface OrderFormValues {
  courseId: string;
  kind: string;
  seats: string;
  participants: string;
  date1: string;
  date2: string;
  date3: string;
  location: string;
  note: string;
}

export function orderFormValues(body: unknown): OrderFormValues {
  const fields = ['courseId', 'kind', 'seats', 'participants', 'date1', 'date2', 'date3', 'location', 'note'] as const;
  return Object.fromEntries(fields.map((f) => [f, formText(body, f)])) as unknown as OrderFormValues;
}

const whole = (text: string): number | string => (/^\d{1,6}$/.test(text) ? Number(text) : text);

/**
 * The form as the JSON route's CreateOrderDto (only the fields of the chosen kind), checked by
 * the same rules, plus what the service requires per kind, each problem in the page's words.
 */
export async function orderFromForm(pages: PageRenderer, lang: Locale, form: OrderFormValues): Promise<{ value: CreateOrderDto; errors: FormErrors }> {
  const word = (key: string) => pages.word(lang, `org.order.${key}`);
  const seats = form.kind === 'seats';
  const dates = [form.date1, form.date2, form.date3].filter(Boolean);
  const values = seats
    ? { courseId: form.courseId, kind: form.kind, seats: whole(form.seats), note: form.note || undefined }
    : {
        courseId: form.courseId, kind: form.kind, participants: whole(form.participants), location: form.location || undefined,
        ...(dates.length ? { preferredDates: dates } : {}), note: form.note || undefined,
      };
  const { value, errors } = await validateForm(CreateOrderDto, values, {
    courseId: word('courseMissing'),
    kind: word('kindMissing'),
    seats: word('seatsInvalid'),
    participants: word('participantsInvalid'),
    location: word('locationMissing'),
    preferredDates: word('datesInvalid'),
    note: word('noteTooLong'),
  });
  if (seats && !form.seats) errors.add('seats', word('seatsInvalid'));
  if (form.kind === 'in-company-session') {
    if (!form.participants) errors.add('participants', word('participantsInvalid'));
    if (!form.location) errors.add('location', word('locationMissing'));
  }
  return { value, errors };
}

/** The order service's field (`details[0].field`) as the form's field, for a refusal found only by the service. */
export function orderField(field: string | undefined): string {
  if (field === 'preferredDates') return 'date1';
  if (field === 'onlineUrl') return 'location';
  return field ?? 'courseId';
}
