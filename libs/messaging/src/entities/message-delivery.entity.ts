import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { User } from '@schakel/identity';

export const DELIVERY_STATES = ['pending', 'claimed', 'sent', 'held', 'skipped', 'failed'] as const;
/**
 * pending: decided, not yet tried; claimed: an attempt owns it (until its lease ends);
 * sent: the SMTP server accepted it; held: the daily limit stopped it; skipped: no longer
 * applies at send time (cancelled, switched off); failed: the last attempt failed, retried.
 */
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What a message is about: ids only, reloaded at send time. */
export interface DeliverySubject {
  enrolmentId?: string;
  sessionId?: string;
  certificateId?: string;
  organisationId?: string;
  /** A password reset request (each request its own mail). */
  requestId?: string;
  orderId?: string;
  /** an order's state at the event */
  state?: string;
  sequence?: number;
  /** reminder '7d' | '1d', expiry '60d' | '14d', nudge '1' | '2' */
  window?: string;
}

/**
 * One message to one person, at most once. The unique key names the message
 * (kind, subject, recipient, window): whoever inserts it first decided it; whoever
 * claims it (pending → claimed, one UPDATE) sends it.
 */
@Entity('message_deliveries')
@Unique('uq_message_deliveries_key', ['key'])
@Index('ix_message_deliveries_user', ['userId', 'updatedAt'])
@Index('ix_message_deliveries_unfinished', { synchronize: false })
@Check('ck_message_deliveries_state', `"state" IN ('pending', 'claimed', 'sent', 'held', 'skipped', 'failed')`)
export class MessageDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_message_deliveries_user' })
  user?: User;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  subject: DeliverySubject;

  @Column({ type: 'text', default: 'pending' })
  state: DeliveryState;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Why it failed, was held or skipped. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
