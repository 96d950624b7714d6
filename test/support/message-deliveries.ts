import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The state of every message delivery whose key starts with `keyPrefix`, by key. */
export async function deliveryStates(app: INestApplicationContext, keyPrefix: string): Promise<Record<string, string>> {
  const rows: Array<{ key: string; state: string }> = await app
    .get(DataSource)
    .query(`SELECT key, state FROM message_deliveries WHERE key LIKE $1 || '%' ORDER BY key`, [keyPrefix]);
  return Object.fromEntries(rows.map((r) => [r.key, r.state]));
}
