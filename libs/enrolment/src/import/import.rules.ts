import { isEmail, isUUID } from 'class-validator';
import { CHAIN_ROLES, type ChainRole } from '@schakel/common';

export const IMPORT_MAX_ROWS = 10_000;
export const IMPORT_COLUMNS = ['email', 'name', 'chainRoles', 'courseId', 'sessionId'] as const;
export type ImportCsvRow = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

/** One row as stored: trimmed text, chain roles split on `;`. */
export interface ImportRowInput {
  row: number;
  email: string;
  name: string;
  chainRoles: string[];
  courseId: string;
  sessionId: string;
}

export function toRowInput(row: number, csv: ImportCsvRow): ImportRowInput {
  return {
    row,
    email: (csv.email ?? '').trim().toLowerCase(),
    name: (csv.name ?? '').trim(),
    // A role named twice is one role (the member's roles are a set; the chain report counts each once).
    chainRoles: [...new Set((csv.chainRoles ?? '').split(';').map((r) => r.trim()).filter(Boolean))],
    courseId: (csv.courseId ?? '').trim(),
    sessionId: (csv.sessionId ?? '').trim(),
  };
}

/** What is wrong with a row on its own (before any lookup), in the words the result file shows. */
export function rowProblem(row: ImportRowInput): string | null {
  if (!isEmail(row.email)) return 'bad e-mail';
  if (!row.name) return 'name missing';
  const unknown = row.chainRoles.find((r) => !(CHAIN_ROLES as readonly string[]).includes(r));
  if (unknown) return `unknown chain role ${unknown}`;
  if (row.courseId && !isUUID(row.courseId)) return 'courseId is not a UUID';
  if (row.sessionId && !isUUID(row.sessionId)) return 'sessionId is not a UUID';
  if (row.sessionId && !row.courseId) return 'sessionId needs a courseId';
  return null;
}

export const chainRolesOf = (row: ImportRowInput) => row.chainRoles as ChainRole[];

/**
 * A cell a spreadsheet would run as a formula (`= + - @`, or a tab / carriage return that
 * some read as one) is prefixed with an apostrophe, so the result file is data only.
 */
export function escapeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
