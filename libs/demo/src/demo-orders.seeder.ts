import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@schakel/identity';
import { OrderConfirmationService, OrderService } from '@schakel/ordering';
import { DEMO_ADMIN, DEMO_MEMBERS, DEMO_ORGANISATION } from './demo-accounts';
import { DEMO_ONLINE_MODULE_SLUG } from './demo-catalogue.data';

/**
 * The demo organisation as a customer, through the ordering services (so the licence, the
 * invoice and the mails are made as in real use): 25 seats of the online module, confirmed
 * (a licence and an invoice), and an in-company session of the deeper conversation still
 * awaiting confirmation. Idempotent: an organisation with orders is left alone.
 */
@Injectable()
export class DemoOrdersSeeder {
  private readonly logger = new Logger(DemoOrdersSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrderService,
    private readonly confirmation: OrderConfirmationService,
  ) {}

  async seed(): Promise<void> {
    const coordinator = DEMO_MEMBERS.find((m) => m.roles.includes('org-admin'));
    const [row] = (await this.dataSource.query(
      `SELECT o.id AS "organisationId",
              json_build_object('id', a.id, 'email', a.email, 'name', a.name, 'locale', a.locale, 'isPlatformAdmin', false) AS admin,
              json_build_object('id', p.id, 'email', p.email, 'name', p.name, 'locale', p.locale, 'isPlatformAdmin', true) AS platform,
              (SELECT id FROM courses WHERE slug = $4) AS "onlineId", (SELECT id FROM courses WHERE slug = 'het-verdiepende-gesprek') AS "liveId",
              EXISTS (SELECT 1 FROM orders WHERE organisation_id = o.id) AS "hasOrders"
         FROM organisations o, users a, users p WHERE o.name = $1 AND a.email = $2 AND p.email = $3`,
      [DEMO_ORGANISATION.name, coordinator?.email, DEMO_ADMIN.email, DEMO_ONLINE_MODULE_SLUG],
    )) as Array<{ organisationId: string; admin: AuthUser; platform: AuthUser; onlineId: string | null; liveId: string | null; hasOrders: boolean }>;
    if (!row || row.hasOrders || !row.onlineId || !row.liveId) return;
    await this.dataSource.query(`UPDATE organisations SET address = $2 WHERE id = $1 AND address = ''`, [
      row.organisationId, 'Postbus 100\n1234 AB Voorbeeldstad',
    ]);
    const { admin, platform } = row;
    const seats = await this.orders.request(admin, row.organisationId, { courseId: row.onlineId, kind: 'seats', seats: 25, note: 'Voor de vrijwilligers van het buurtnetwerk' });
    await this.confirmation.confirm(platform, seats.id, { priceCents: 4950 });
    await this.orders.request(admin, row.organisationId, {
      courseId: row.liveId, kind: 'in-company-session', participants: 14, preferredDates: [], location: 'Stadskantoor Voorbeeldstad, zaal 3', note: 'Voor het wijkteam Noord',
    });
    this.logger.log('demo orders are in place');
  }
}
