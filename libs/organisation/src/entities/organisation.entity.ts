import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANISATION_KINDS = ['municipality', 'welfare', 'care', 'company', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

@Entity('organisations')
@Check('ck_organisations_kind', `"kind" IN ('municipality', 'welfare', 'care', 'company', 'other')`)
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  /** Printed on invoices (lines separated by newlines). */
  @Column({ type: 'text', default: '' })
  address: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
