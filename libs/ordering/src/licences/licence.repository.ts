import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Licence } from '../entities/licence.entity';

/** Licence rows; their `used` count belongs to the seat ledger (libs/session/src/seats). */
@Injectable()
export class LicenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One licence per order (uq_licences_order): a confirmation that runs twice makes one. */
  async createForOrder(manager: EntityManager, licence: Pick<Licence, 'organisationId' | 'courseId' | 'orderId' | 'seats' | 'expiresAt'>): Promise<void> {
    await manager.query(
      `INSERT INTO licences (organisation_id, course_id, order_id, seats, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (order_id) DO NOTHING`,
      [licence.organisationId, licence.courseId, licence.orderId, licence.seats, licence.expiresAt],
    );
  }

  listForOrganisation(organisationId: string): Promise<Licence[]> {
    return this.dataSource.getRepository(Licence).find({ where: { organisationId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }
}
