import { QueryFailedError, type DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

interface PgPool {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/**
 * Runs a hot statement as a named prepared statement on the pool (autocommit): PostgreSQL
 * parses and plans it once per connection instead of on every call. For the few statements
 * on the hot paths (the catalogue page, the seat statement), where planning a large CTE
 * costs about as much as running it. `name` must be unique per distinct text.
 */
export async function preparedQuery<R>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = (dataSource.driver as PostgresDriver).master as PgPool;
  try {
    const { rows } = await pool.query<R>({ name, text, values });
    return rows;
  } catch (error) {
    // Failures look as they do through TypeORM, so the same error helpers and filter apply.
    throw new QueryFailedError(text, values, error as Error);
  }
}
