import { DataSource } from 'typeorm';
import { DEMO_ORGANISATION, DemoOrdersSeeder, DemoSeeder } from '@schakel/demo';
import { IdentityService, PasswordHasher, UserRepository } from '@schakel/identity';
import { OrderConfirmationService, OrderService } from '@schakel/ordering';
import { startApi, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';

describe('demo data: the demo organisation as a customer', () => {
  let dropDatabase: () => Promise<void>;
  let api: TestApi;

  beforeAll(async () => {
    // Its own database: the demo organisation's name is fixed.
    dropDatabase = await isolateRun('demo');
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
    await dropDatabase?.();
  });

  it('has a confirmed seats order with a licence and an invoice, and an in-company order awaiting confirmation; seeding twice changes nothing', async () => {
    const ds = api.app.get(DataSource);
    await new DemoSeeder(ds, api.app.get(IdentityService), api.app.get(UserRepository), api.app.get(PasswordHasher)).seed();
    const orders = new DemoOrdersSeeder(ds, api.app.get(OrderService), api.app.get(OrderConfirmationService));
    await orders.seed();
    await orders.seed();
    const rows = await ds.query(
      `SELECT o.kind, o.state, l.seats AS "licenceSeats", i.number IS NOT NULL AS invoiced
         FROM orders o JOIN organisations g ON g.id = o.organisation_id
         LEFT JOIN licences l ON l.order_id = o.id LEFT JOIN invoices i ON i.order_id = o.id
        WHERE g.name = $1 ORDER BY o.kind`,
      [DEMO_ORGANISATION.name],
    );
    expect(rows).toEqual([
      { kind: 'in-company-session', state: 'requested', licenceSeats: null, invoiced: false },
      { kind: 'seats', state: 'confirmed', licenceSeats: 25, invoiced: true },
    ]);
  });
});
