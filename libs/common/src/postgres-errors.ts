import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

interface PgDriverError {
  code?: string;
  constraint?: string;
}

const driverError = (error: unknown): PgDriverError | undefined =>
  error instanceof QueryFailedError ? (error.driverError as PgDriverError) : undefined;

/** True when the statement broke a unique constraint (optionally: this one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = driverError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return driverError(error)?.code === '23503';
}

/** Serialization failures and deadlocks: safe to retry the whole transaction. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = driverError(error)?.code;
  return code === '40001' || code === '40P01';
}

/** What the client did wrong, when PostgreSQL refused a statement because of its input. */
export interface InputFault {
  status: 400 | 404 | 409;
  message: string;
  problem: string;
  /** The column, camelCased, when PostgreSQL names one. */
  field?: string;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * A safety net behind validation: input PostgreSQL rejects (a NUL byte, a number or date out
 * of range, a reference to a record that does not exist) is the client's fault, not a 500.
 */
export function inputFaultOf(error: unknown): InputFault | null {
  const pg = driverError(error) as (PgDriverError & { detail?: string; column?: string }) | undefined;
  if (!pg?.code) return null;
  const column = pg.detail?.match(/^Key \(([a-z_]+)\)/)?.[1] ?? pg.column;
  const field = column ? camel(column) : undefined;
  if (pg.code === '23503') {
    return pg.detail?.includes('is still referenced')
      ? { status: 409, message: 'This record is still in use', problem: 'is still in use', field }
      : { status: 404, message: 'A record this refers to does not exist', problem: 'does not exist', field };
  }
  // A null the validation let through (an optional field sent as null) into a NOT NULL column.
  if (pg.code === '23502') return { status: 400, message: 'A required value is missing', problem: 'must not be null', field };
  if (pg.code === '22P05' || pg.code === '22021') return { status: 400, message: 'Text contains a character that cannot be stored', problem: 'contains a character that cannot be stored', field };
  if (pg.code.startsWith('22')) return { status: 400, message: 'A value is out of range or malformed', problem: 'is out of range or malformed', field };
  return null;
}

const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '53400', '57014', '25P03']);
const UNAVAILABLE_MESSAGES = [/timeout exceeded when trying to connect/i, /Connection terminated/i, /connect ECONNREFUSED/i, /Client has encountered a connection error/i, /ECONNRESET/i, /the database system is (starting up|shutting down|in recovery mode)/i];

/**
 * The database is down, restarting, full, or too slow (statement or idle-in-transaction
 * timeout): nothing the client did, and worth retrying shortly. Such requests get 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection breaks (a restart ends
  // the session: 57P01); the transaction's next statement, its COMMIT included, then throws
  // one of these instead of a driver error (each seen as a 500, now and then, in
  // test/e2e/faults/postgres-restart.e2e-spec.ts).
  if (error instanceof QueryRunnerProviderAlreadyReleasedError || error instanceof QueryRunnerAlreadyReleasedError) return true;
  const pg = (driverError(error) ?? error) as { code?: string; message?: string } | undefined;
  if (!pg) return false;
  if (pg.code && (UNAVAILABLE_CODES.has(pg.code) || pg.code.startsWith('08') || pg.code === 'ECONNREFUSED' || pg.code === 'ETIMEDOUT' || pg.code === 'ECONNRESET')) return true;
  const message = typeof pg.message === 'string' ? pg.message : '';
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}
