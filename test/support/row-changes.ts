import type { DataSource } from 'typeorm';

/**
 * Counts committed row changes per table in a database of the suite's own (isolateRun): a row
 * trigger on every table adds one to the table's counter for each inserted, deleted or really
 * changed row, in the writer's transaction (so a rolled-back write counts nothing). Reading
 * the counters is one small query, cheap enough to check every request of a fuzz run.
 * Never install it on a shared database.
 */
export class RowChanges {
  constructor(private readonly data: DataSource) {}

  async install(): Promise<void> {
    const [{ db }] = (await this.data.query(`SELECT current_database() AS db`)) as Array<{ db: string }>;
    if (!/_fuzz_/.test(db)) throw new Error(`refusing to install change triggers on ${db}: not a fuzz suite's own database`);
    const tables = (await this.data.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
    )) as Array<{ name: string }>;
    await this.data.query(`CREATE TABLE test_row_changes (t text PRIMARY KEY, n bigint NOT NULL DEFAULT 0)`);
    await this.data.query(`
      CREATE FUNCTION test_count_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;
        UPDATE test_row_changes SET n = n + 1 WHERE t = TG_TABLE_NAME;
        RETURN NULL;
      END $$`);
    for (const { name } of tables) {
      await this.data.query(`INSERT INTO test_row_changes (t) VALUES ($1)`, [name]);
      await this.data.query(`CREATE TRIGGER test_row_changes AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION test_count_row_change()`);
    }
  }

  /** The counters, per table. */
  async read(): Promise<Record<string, string>> {
    const rows = (await this.data.query(`SELECT t, n::text FROM test_row_changes`)) as Array<{ t: string; n: string }>;
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  }
}

/** The tables whose counter moved. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
