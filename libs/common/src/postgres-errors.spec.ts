import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable } from './postgres-errors';

const driverFailure = (code: string, message = 'x') => new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

describe('isDatabaseUnavailable', () => {
  it('is true for a restart, a lost connection and a query runner TypeORM released when its connection broke', () => {
    expect(isDatabaseUnavailable(driverFailure('57P01'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
  });

  it('is false for what the request itself got wrong', () => {
    expect(isDatabaseUnavailable(driverFailure('23505'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('completion not found'))).toBe(false);
  });
});
