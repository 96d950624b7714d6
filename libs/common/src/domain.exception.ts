/** The statuses a domain rule may answer with; the API filter maps them to the contract's shape. */
export type DomainStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * A rule of the domain that was not met. Domains define their own codes
 * (`enrolment.session-full`); the HTTP edge turns them into 4xx answers and
 * the worker logs them and fails the job.
 */
export class DomainException extends Error {
  constructor(
    readonly status: DomainStatus,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainException';
  }
}

/** Errors every domain shares. */
export const CommonError = {
  notFound: (what: string) => new DomainException(404, 'common.not-found', `${what} not found`),
  forbidden: (message = 'You are not allowed to do this') => new DomainException(403, 'common.forbidden', message),
  unauthenticated: (message = 'Authentication required') => new DomainException(401, 'common.unauthenticated', message),
  invalid: (field: string, problem: string) =>
    new DomainException(400, 'common.invalid', `${field}: ${problem}`, [{ field, problem }]),
};
