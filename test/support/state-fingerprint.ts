import type { DataSource } from 'typeorm';

/**
 * What PostgreSQL holds, as one value per table: its row count and a hash of every row's
 * text. Two equal fingerprints mean no row was added, removed or changed. Meant for a
 * database of the suite's own (isolateRun), whose tables stay small.
 */
export class StateFingerprint {
  private sql?: string;

  constructor(private readonly data: DataSource) {}

  async take(): Promise<Record<string, string>> {
    this.sql ??= await this.statement();
    const rows = (await this.data.query(this.sql)) as Array<{ t: string; f: string }>;
    return Object.fromEntries(rows.map((r) => [r.t, r.f]));
  }

  private async statement(): Promise<string> {
    const tables = (await this.data.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
    )) as Array<{ name: string }>;
    return tables.map(({ name }) => `SELECT '${name}' AS t, count(*) || ':' || coalesce(sum(hashtext(x::text)), 0) AS f FROM "${name}" x`).join(' UNION ALL ');
  }
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
