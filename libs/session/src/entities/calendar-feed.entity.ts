import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '@schakel/identity';

/** A person's secret calendar feed; revoking deletes the row, rotating replaces the nonce. */
@Entity('calendar_feeds')
@Unique('uq_calendar_feeds_token_hash', ['tokenHash'])
export class CalendarFeed {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_calendar_feeds' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_calendar_feeds_user' })
  user?: User;

  /** Random; the token is HMAC(server key, nonce), so the URL can be shown again. */
  @Column({ type: 'text' })
  nonce: string;

  /** sha256 of the token, for lookup. */
  @Column({ type: 'text' })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
