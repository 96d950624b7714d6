import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ORDER_KINDS = ['seats', 'in-company-session'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
export const ORDER_STATES = ['requested', 'confirmed', 'delivered', 'rejected', 'cancelled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** What an organisation asked to buy, and what the provider decided. */
@Entity('orders')
@Index('ix_orders_organisation', { synchronize: false })
@Index('ix_orders_requested', { synchronize: false })
@Check('ck_orders_kind', `"kind" IN ('seats', 'in-company-session')`)
@Check('ck_orders_state', `"state" IN ('requested', 'confirmed', 'delivered', 'rejected', 'cancelled')`)
export class Order {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) courseId: string;
  @Column({ type: 'text' }) kind: OrderKind;
  @Column({ type: 'text', default: 'requested' }) state: OrderState;
  /** seats orders: how many seats, and until when the licence is valid (null: no expiry). */
  @Column({ type: 'integer', nullable: true }) seats: number | null;
  @Column({ type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  /** in-company orders: preferred dates (YYYY-MM-DD), participants, where, and a note. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) preferredDates: string[];
  @Column({ type: 'integer', nullable: true }) participants: number | null;
  @Column({ type: 'text', nullable: true }) location: string | null;
  @Column({ type: 'text', nullable: true }) onlineUrl: string | null;
  @Column({ type: 'text', default: '' }) note: string;
  /** Set at confirmation: the price per seat (seats) or the quoted total (in-company), euro cents excl. VAT. */
  @Column({ type: 'integer', nullable: true }) priceCents: number | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'uuid', nullable: true }) requestedById: string | null;
  @Column({ type: 'uuid', nullable: true }) decidedById: string | null;
  @Column({ type: 'uuid', nullable: true }) sessionId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
