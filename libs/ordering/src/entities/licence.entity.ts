import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Seats of one course bought by an organisation. `used` is moved only by the seat ledger
 * (libs/session/src/seats), in the statement that enrols; the CHECK keeps it within seats.
 */
@Entity('licences')
@Index('ix_licences_organisation_course', { synchronize: false })
@Check('ck_licences_seats', `"seats" > 0`)
@Check('ck_licences_used', `"used" BETWEEN 0 AND "seats"`)
export class Licence {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) courseId: string;
  @Column({ type: 'uuid', nullable: true }) orderId: string | null;
  @Column({ type: 'integer' }) seats: number;
  @Column({ type: 'integer', default: 0 }) used: number;
  @Column({ type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
