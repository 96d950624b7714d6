import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { ChainRole, OrganisationRole } from '@schakel/common';
import { User } from '@schakel/identity';
import { Organisation } from './organisation.entity';

export type MembershipStatus = 'active' | 'pending';

/** A person's place in one organisation: what they may do there and which links of the chain they are. */
@Entity('memberships')
@Unique('uq_memberships_organisation_user', ['organisationId', 'userId'])
@Index('ix_memberships_user', ['userId'])
// Partial, with INCLUDE (the chain report): written in its migration, not generated.
@Index('ix_memberships_organisation_active', { synchronize: false })
@Check('ck_memberships_roles', `"roles" <@ ARRAY['learner', 'trainer', 'org-admin']::text[]`)
@Check(
  'ck_memberships_chain_roles',
  `"chain_roles" <@ ARRAY['first-conversation', 'deeper-conversation', 'intake-referral', 'coordinator']::text[]`,
)
@Check('ck_memberships_status', `"status" IN ('active', 'pending')`)
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_memberships_organisation' })
  organisation?: Organisation;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_memberships_user' })
  user?: User;

  @Column({ type: 'text', array: true, default: () => "'{learner}'" })
  roles: OrganisationRole[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  chainRoles: ChainRole[];

  /** Pending: the account existed before the organisation added it, and its owner has not accepted yet; grants nothing. */
  @Column({ type: 'text', default: 'active' })
  status: MembershipStatus;

  /** The name the admin typed when adding the person (shown to the organisation while pending). */
  @Column({ type: 'text', nullable: true })
  invitedName: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
