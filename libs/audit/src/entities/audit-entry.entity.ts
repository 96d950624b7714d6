import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change that matters for trust (who, what, when): role and membership changes,
 * platform-role grants, certificate revocations, bulk imports, order decisions (confirm,
 * reject, invoice paid) and imports (started, finished). Rows are only ever added;
 * the actor is kept as an id without a foreign key, so the history outlives the account.
 */
@Entity('audit_log')
@Index('ix_audit_log_created', ['createdAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null when the system acted (no signed-in person). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ type: 'text' })
  subjectType: 'user' | 'membership' | 'certificate' | 'bulk-enrolment' | 'order' | 'invoice' | 'import';

  @Column({ type: 'text' })
  subjectId: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export const AUDIT_ACTIONS = [
  'member.added',
  'member.accepted',
  'member.declined',
  'member.removed',
  'member.roles-changed',
  'member.invitation-resent',
  'platform-roles.set',
  'certificate.revoked',
  'enrolment.bulk-imported',
  'order.requested',
  'order.confirmed',
  'order.rejected',
  'order.cancelled',
  'order.delivered',
  'invoice.paid',
  'import.started',
  'import.finished',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
