import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

/** One problem with a form field, in words the person understands ("Vul je e-mailadres in"). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A page form's problems: shown next to each field and, as links to the fields, in the
 * summary at the top (partials `field` and `error-summary`).
 */
export class FormErrors {
  private readonly errors: FieldError[] = [];

  add(field: string, message: string): this {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, message });
    return this;
  }

  get any(): boolean {
    return this.errors.length > 0;
  }

  /** For the view: `errors` (the summary) and `fieldErrors.<field>` (next to each field). */
  view(): { errors: FieldError[]; fieldErrors: Record<string, string> } {
    return { errors: [...this.errors], fieldErrors: Object.fromEntries(this.errors.map((e) => [e.field, e.message])) };
  }
}

/** A plain form's text field as a string (a repeated or missing field is empty), trimmed. */
export function formText(body: unknown, field: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value.trim() : '';
}

/** Where to go after a form: only a path on this site ("/me"), never another origin ("//evil", "https://…"). */
export function safeNextPath(next: unknown, fallback: string): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && !/[\r\n]/.test(next) ? next : fallback;
}

/**
 * Checks a page form against the same DTO (class-validator rules) as its JSON route, so a
 * page and the API never disagree on what is valid. Each field with a problem gets the page's
 * own words for it (`messages[field]`), never class-validator's English.
 */
export async function validateForm<T extends object>(
  dto: new () => T,
  values: Record<string, unknown>,
  messages: Record<string, string>,
): Promise<{ value: T; errors: FormErrors }> {
  const value = plainToInstance(dto, values);
  const errors = new FormErrors();
  for (const problem of await validate(value, { whitelist: true })) {
    errors.add(problem.property, messages[problem.property] ?? messages.default ?? problem.property);
  }
  return { value, errors };
}
