import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '@schakel/identity';

/** A person's choices about mail; no row means the defaults (nudges on). */
@Entity('message_preferences')
export class MessagePreference {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_message_preferences' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_message_preferences_user' })
  user?: User;

  /** Reminders, module nudges and expiry notices; confirmations and changes always go. */
  @Column({ type: 'boolean', default: true })
  nudges: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
