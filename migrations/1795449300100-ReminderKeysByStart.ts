import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session reminder keys name the start they remind of (`session-reminder:<window>:<session>:<user>:<epoch>`),
 * so a session moved to another date is reminded of again. Existing rows get their session's current
 * start, so nobody is reminded twice of a date that did not change.
 */
export class ReminderKeysByStart1795449300100 implements MigrationInterface {
  name = 'ReminderKeysByStart1795449300100';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE message_deliveries d
         SET key = d.key || ':' || floor(extract(epoch FROM s.starts_at))::bigint,
             subject = d.subject || jsonb_build_object('startsAt', floor(extract(epoch FROM s.starts_at))::bigint)
        FROM sessions s
       WHERE d.kind = 'session-reminder' AND NOT (d.subject ? 'startsAt') AND s.id = (d.subject->>'sessionId')::uuid`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE message_deliveries
         SET key = regexp_replace(key, ':[0-9]+$', ''), subject = subject - 'startsAt'
       WHERE kind = 'session-reminder' AND subject ? 'startsAt'`);
  }
}
