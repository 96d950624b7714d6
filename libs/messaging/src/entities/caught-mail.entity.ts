import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface CaughtAttachment {
  filename: string;
  contentType: string;
  size: number;
}

/**
 * Mail "sent" without SMTP_URL (the development default): kept in PostgreSQL, not in
 * memory, so every worker's mail shows on the one development page.
 */
@Entity('caught_mails')
@Index('ix_caught_mails_created', ['createdAt'])
export class CaughtMail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  messageId: string;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: CaughtAttachment[];

  /** The whole RFC 5322 message, as an SMTP server would have received it. */
  @Column({ type: 'text' })
  raw: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
