import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work that must not be lost, written in the same transaction as the change that
 * caused it. The worker's relay moves pending rows into BullMQ; a row stays
 * unprocessed until its job has finished, so a Redis flush only delays it.
 */
@Entity('outbox_events')
@Index('ix_outbox_events_pending', ['availableAt'], { where: 'processed_at IS NULL AND dead_at IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A domain event name (`DomainEvents`). */
  @Column({ type: 'text' })
  topic: string;

  /** Ids only; the processor reloads the state. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Not relayed before this moment (the first relay, or the next one after a stall). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ type: 'int', default: 0 })
  relayCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  /** Failed handlings (any consumer, any attempt); at OUTBOX_MAX_FAILURES the event is dead. */
  @Column({ type: 'int', default: 0 })
  failureCount: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastFailedAt: Date | null;

  /** Set aside: not relayed again until a platform admin retries it. */
  @Column({ type: 'timestamptz', nullable: true })
  deadAt: Date | null;
}
