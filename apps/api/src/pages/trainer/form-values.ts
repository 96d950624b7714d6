import { DomainException, isUuid } from '@schakel/common';
import { WebError } from '@schakel/web';

/** A path id that is no id names nothing: the "niet gevonden" page, not a 400. */
export function pathId(value: string): string {
  if (!isUuid(value)) throw WebError.notFound();
  return value;
}

/** A plain form's repeated field (checkboxes, hidden lists) as a list of strings. */
export function formList(body: unknown, field: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** The stable code of a domain refusal, to word it on the page; null for anything else. */
export const codeOf = (error: unknown): string | null => (error instanceof DomainException ? error.code : null);

/** A whole number typed in a form, or the text itself (so the DTO's rule refuses it). */
export const formInt = (text: string): number | string => (/^\d{1,7}$/.test(text) ? Number(text) : text);
