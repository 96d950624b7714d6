import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale } from '@schakel/common';

@Entity('users')
@Check('ck_users_locale', `"locale" IN ('nl', 'en')`)
@Check('ck_users_email_lower', `"email" = lower("email")`)
@Index('uq_users_email', { synchronize: false }) // unique on lower(email), see migration
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  /** Null until the person sets a password (members invited by an organisation). */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'text', default: 'nl' })
  locale: Locale;

  @Column({ type: 'boolean', default: false })
  isPlatformAdmin: boolean;

  /** Written into every access token and compared on every request: raising it ends all outstanding tokens. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
