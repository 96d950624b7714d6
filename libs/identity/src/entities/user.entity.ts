import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale } from '@schakel/common';

export const PLATFORM_ROLES = ['trainer'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

@Entity('users')
@Check('ck_users_locale', `"locale" IN ('nl', 'en')`)
@Check('ck_users_email_lower', `"email" = lower("email")`)
@Check('ck_users_platform_roles', `"platform_roles" <@ ARRAY['trainer']::text[]`)
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

  /** When the person proved the address (a mailed link); null: unproven, and invisible to organisations. */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /** Platform-wide roles, granted by a platform admin only (PUT /api/users/:userId/platform-roles). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  platformRoles: PlatformRole[];

  /** Written into every access token and compared on every request: raising it ends all outstanding tokens. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
