import Redis from 'ioredis';
import { dropDatabase } from '../../scripts/embedded.mjs';

export default async function globalTeardown() {
  const run = globalThis.__SCHAKEL_TEST__;
  if (!run) return;
  if (process.env.KEEP_TEST_DATABASE !== 'true') await dropDatabase(run.serverUrl, run.database);
  const redis = new Redis(process.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.QUEUE_PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Redis may be the one a test stopped; nothing to clean then
  } finally {
    redis.disconnect();
  }
  for (const stop of run.stops.reverse()) await stop().catch(() => {});
}
