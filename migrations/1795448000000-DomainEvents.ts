import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox carries domain events (`enrolment.confirmed`, `course.completed`, …) that each
 * consumer handles on its own; `outbox_consumptions` records which consumer has handled which
 * event. Rows still pending in the old shape (`notification.send {kind, …}` and
 * `certificate.issue {completionId}`) are rewritten as the events they stood for.
 */
export class DomainEvents1795448000000 implements MigrationInterface {
  name = 'DomainEvents1795448000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "outbox_consumptions" (
      "outbox_id" uuid NOT NULL,
      "consumer" text NOT NULL,
      "consumed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_outbox_consumptions" PRIMARY KEY ("outbox_id", "consumer"),
      CONSTRAINT "fk_outbox_consumptions_event" FOREIGN KEY ("outbox_id") REFERENCES "outbox_events"("id") ON DELETE CASCADE
    )`);
    await q.query(`UPDATE outbox_events SET topic = payload->>'kind', payload = payload - 'kind'
                    WHERE topic = 'notification.send' AND processed_at IS NULL`);
    await q.query(`UPDATE outbox_events SET topic = 'course.completed'
                    WHERE topic = 'certificate.issue' AND processed_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE outbox_events SET topic = 'certificate.issue' WHERE topic = 'course.completed' AND processed_at IS NULL`);
    await q.query(`UPDATE outbox_events SET payload = payload || jsonb_build_object('kind', topic), topic = 'notification.send'
                    WHERE topic <> 'certificate.issue' AND processed_at IS NULL`);
    await q.query(`DROP TABLE "outbox_consumptions"`);
  }
}
