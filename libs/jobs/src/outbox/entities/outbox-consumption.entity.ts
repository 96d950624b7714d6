import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One consumer has handled one outbox event. An event is processed when every consumer
 * registered for it has a row here; a re-relayed event skips the consumers that have one.
 */
@Entity('outbox_consumptions')
export class OutboxConsumption {
  @PrimaryColumn('uuid')
  outboxId: string;

  @PrimaryColumn('text')
  consumer: string;

  @CreateDateColumn({ type: 'timestamptz' })
  consumedAt: Date;
}
