import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Course } from '@schakel/catalogue';
import { Completion } from '@schakel/enrolment';
import { User } from '@schakel/identity';

export type CertificateState = 'pending' | 'issued';

/**
 * One certificate per completion (the unique key is the claim: a job that runs twice
 * finds the row and does nothing). `pending` until the PDF is stored.
 */
@Entity('certificates')
@Unique('uq_certificates_completion', ['completionId'])
@Unique('uq_certificates_code', ['code'])
@Index('ix_certificates_user', ['userId', 'issuedAt'])
@Index('ix_certificates_expires', { synchronize: false })
// Partial, with INCLUDE (the chain report): written in its migration, not generated.
@Index('ix_certificates_user_standing', { synchronize: false })
@Check('ck_certificates_state', `"state" IN ('pending', 'issued')`)
@Check('ck_certificates_expiry', `"expires_at" IS NULL OR "expires_at" > "valid_from"`)
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  completionId: string;

  @OneToOne(() => Completion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'completion_id', foreignKeyConstraintName: 'fk_certificates_completion' })
  completion?: Completion;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_certificates_user' })
  user?: User;

  @Column({ type: 'uuid' })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_certificates_course' })
  course?: Course;

  /** ≥ 128 bits from a CSPRNG, in a readable alphabet; what the QR code and /verify carry. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text', default: 'pending' })
  state: CertificateState;

  /** Validity starts here: the completion date, or the old expiry for a renewal. */
  @Column({ type: 'timestamptz' })
  validFrom: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  /** The certificate this one renews, if any. */
  @Column({ type: 'uuid', nullable: true })
  renewsCertificateId: string | null;

  @ManyToOne(() => Certificate, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'renews_certificate_id', foreignKeyConstraintName: 'fk_certificates_renews' })
  renewsCertificate?: Certificate;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason: string | null;

  /** Where the storage keeps the PDF, and its SHA-256 (hex), set when issued. */
  @Column({ type: 'text', nullable: true })
  pdfKey: string | null;

  @Column({ type: 'text', nullable: true })
  pdfSha256: string | null;

  @Column({ type: 'text', default: 'nl' })
  locale: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
