import { Injectable } from '@nestjs/common';
import { AccessService } from '@schakel/access';
import type { AuthUser } from '@schakel/identity';
import type { Transaction } from '@schakel/jobs';
import type { Order } from '../entities/order.entity';
import { OrderingError } from '../ordering.exception';

/**
 * Who may see an organisation's orders, licences and invoices: its org-admins and platform
 * admins (every rule through AccessService). Also tells the admins when an order changes.
 */
@Injectable()
export class OrderAccess {
  constructor(private readonly access: AccessService) {}

  /** Organisation routes: non-members 404, members without org-admin 403. */
  requireOrganisationAdmin(actor: AuthUser, organisationId: string): Promise<void> {
    return this.access.requireRole(actor, organisationId, ['org-admin']);
  }

  /** A record of an organisation the actor does not administer does not exist for her. */
  async requireVisible<T extends { organisationId: string }>(actor: AuthUser, record: T | null, notFound = OrderingError.orderNotFound): Promise<T> {
    if (!record) throw notFound();
    if (actor.isPlatformAdmin) return record;
    const administered = await this.access.organisationIds(actor.id, ['org-admin']);
    if (!administered.includes(record.organisationId)) throw notFound();
    return record;
  }

  /** One `order.changed` per admin of the ordering organisation, in the change's transaction. */
  async announce(tx: Transaction, order: Order): Promise<void> {
    for (const userId of await this.access.adminIds(order.organisationId)) {
      await tx.publish('order.changed', { orderId: order.id, userId, state: order.state });
    }
  }
}
