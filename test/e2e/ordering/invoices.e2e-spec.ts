import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@schakel/jobs';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { pdfText } from '../../support/pdf-text';
import { type SmtpSink, startSmtpSink } from '../../support/smtp-sink';
import { range } from '../../support/values';
import { waitFor } from '../../support/wait-for';
import { insertOnlineCourse } from '../../factories/course.factory';
import { confirmOrder, requestSeats } from '../../factories/order.factory';
import { addMember, createTenant, type Tenant } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, type Person } from '../../factories/person.factory';

describe('invoices: gap-free numbers, the PDF, paid; the admins hear of each change (real SMTP)', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: Tenant;
  let platform: Person;
  let englishAdmin: Person;

  beforeAll(async () => {
    // Its own database: the year's counter starts at 1, so the numbers are exactly predictable.
    dropDatabase = await isolateRun('inv');
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    process.env.SWEEP_INTERVAL_SECONDS = '3600';
    api = await startApi();
    worker = await startWorker();
    tenant = await createTenant(api.app, 'Gemeente Voorbeeldstad');
    await api.app.get(DataSource).query(`UPDATE organisations SET address = 'Postbus 12\nMarktplein 1, 1234 AB Voorbeeldstad' WHERE id = $1`, [tenant.organisation.id]);
    englishAdmin = await createPerson(api.app, { locale: 'en' });
    await addMember(api.app, tenant.organisation, englishAdmin, ['org-admin']);
    platform = await createPlatformAdmin(api.app);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  const year = () => new Date().getFullYear();

  it('20 parallel confirmations get 20 numbers of the year, no gap, no duplicate', async () => {
    const course = await insertOnlineCourse(api.app, { seatPriceCents: 1000 });
    const orders = await Promise.all(range(1, 20).map((n) => requestSeats(api, tenant.admin, tenant.organisation.id, course.id, n)));
    const answers = await Promise.all(orders.map((o) => confirmOrder(api, platform, o.id)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const rows = (await api.app.get(DataSource).query(`SELECT number, sequence, year FROM invoices ORDER BY sequence`)) as Array<{ number: string; sequence: number; year: number }>;
    expect(rows.map((r) => r.sequence)).toEqual(range(1, 20));
    expect(rows.map((r) => r.number)).toEqual(range(1, 20).map((n) => `${year()}-${String(n).padStart(4, '0')}`));
    expect(new Set(answers.map((a) => a.body.invoiceId)).size).toBe(20);
  });

  it('the org admin downloads the PDF: provider, organisation and address, lines, VAT, total, due date', async () => {
    const course = await insertOnlineCourse(api.app, { title: 'Het eerste gesprek', seatPriceCents: 4950 });
    const order = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 25);
    const { invoiceId } = (await confirmOrder(api, platform, order.id)).body;
    const invoice = (await api.http().get(`/api/invoices/${invoiceId}`).set(tenant.admin.auth)).body;
    expect(invoice.number).toBe(`${year()}-0021`);
    expect(new Date(invoice.dueAt).getTime() - new Date(invoice.issuedAt).getTime()).toBe(30 * 86_400_000);

    const response = await api.http().get(`/api/invoices/${invoiceId}/pdf`).set(tenant.admin.auth).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(response.body as Buffer);
    for (const expected of [
      'Schakel Training', `Factuur ${invoice.number}`, 'Gemeente Voorbeeldstad', 'Marktplein 1, 1234 AB Voorbeeldstad',
      '25 × Plaats in de cursus "Het eerste gesprek"', '€ 1.237,50', 'Btw 21%: € 259,88', 'Totaal: € 1.497,38', 'Te betalen voor',
    ]) {
      expect(text).toContain(expected);
    }
    expect((await api.http().get(`/api/invoices/${invoiceId}/pdf`).set(tenant.learner.auth)).status).toBe(404);
  });

  it('the platform admin marks an invoice paid, once', async () => {
    const course = await insertOnlineCourse(api.app, { seatPriceCents: 1000 });
    const order = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 2);
    const { invoiceId } = (await confirmOrder(api, platform, order.id)).body;
    expect((await api.http().post(`/api/invoices/${invoiceId}/paid`).set(tenant.admin.auth)).status).toBe(403);
    const paid = await api.http().post(`/api/invoices/${invoiceId}/paid`).set(platform.auth);
    expect(paid.status).toBe(200);
    expect(paid.body.paidAt).toEqual(expect.any(String));
    expect((await api.http().post(`/api/invoices/${invoiceId}/paid`).set(platform.auth)).status).toBe(409);
    const list = await api.http().get(`/api/organisations/${tenant.organisation.id}/invoices?limit=100`).set(tenant.admin.auth);
    expect(list.body.total).toBe(22);
    expect(list.body.items.find((i: { id: string }) => i.id === invoiceId).paidAt).toEqual(paid.body.paidAt);
  });

  it('mails every ordering admin at each change, in her language, with the amounts on confirmation', async () => {
    const course = await insertOnlineCourse(api.app, { title: 'Het gesprek per post', seatPriceCents: 4950 });
    const order = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 25);
    await confirmOrder(api, platform, order.id);
    await worker.get(OutboxRelay).relayDue();
    const confirmation = (person: Person, subject: RegExp) =>
      waitFor(async () => sink.to(person.user.email).filter((m) => subject.test(m.subject ?? '')), (mails) => mails.length >= 1, {
        what: `confirmation for ${person.user.email}`, timeoutMs: 20_000,
      });
    const [dutch] = await confirmation(tenant.admin, /^Bestelling bevestigd: Het gesprek per post$/);
    // Intl writes a no-break space after the euro sign
    const plain = (text: string | undefined) => (text ?? '').replace(/\u00a0/g, ' ');
    expect(plain(dutch.text)).toContain('Aantal plaatsen: 25');
    expect(plain(dutch.text)).toContain('Totaal: € 1.497,38');
    const [english] = await confirmation(englishAdmin, /^Order confirmed: Het gesprek per post$/);
    expect(plain(english.text)).toContain('Total: €1,497.38');
    const received = await waitFor(async () => sink.to(tenant.admin.user.email).filter((m) => /Het gesprek per post$/.test(m.subject ?? '')), (m) => m.length >= 2, {
      what: 'the request and the confirmation', timeoutMs: 20_000,
    });
    expect(received.map((m) => m.subject).sort()).toEqual(['Bestelling bevestigd: Het gesprek per post', 'Bestelling ontvangen: Het gesprek per post']);
    expect(sink.to(tenant.learner.user.email)).toEqual([]);
    // only the confirmation carries the invoice
    expect(received.find((m) => /^Bestelling ontvangen/.test(m.subject ?? ''))!.attachments).toEqual([]);
  });

  it('the confirmation mail carries the invoice PDF, the same bytes as the download', async () => {
    const course = await insertOnlineCourse(api.app, { title: 'Factuur in de bus', seatPriceCents: 4950 });
    const order = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 25);
    const { invoiceId } = (await confirmOrder(api, platform, order.id)).body;
    const invoice = (await api.http().get(`/api/invoices/${invoiceId}`).set(tenant.admin.auth)).body;
    await worker.get(OutboxRelay).relayDue();
    const [mail] = await waitFor(async () => sink.to(tenant.admin.user.email).filter((m) => m.subject === 'Bestelling bevestigd: Factuur in de bus'),
      (mails) => mails.length >= 1, { what: 'the confirmation with its invoice', timeoutMs: 20_000 });
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`factuur-${invoice.number}.pdf`, 'application/pdf']]);
    const attached = mail.attachments[0].content;
    const text = await pdfText(attached);
    for (const expected of [`Factuur ${invoice.number}`, 'Gemeente Voorbeeldstad', '25 × Plaats in de cursus "Factuur in de bus"', 'Totaal: € 1.497,38']) {
      expect(text).toContain(expected);
    }
    const download = await api.http().get(`/api/invoices/${invoiceId}/pdf`).set(tenant.admin.auth).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(attached.equals(download.body as Buffer)).toBe(true);
    const [english] = await waitFor(async () => sink.to(englishAdmin.user.email).filter((m) => m.subject === 'Order confirmed: Factuur in de bus'),
      (mails) => mails.length >= 1, { what: 'the English confirmation', timeoutMs: 20_000 });
    expect(english.attachments.map((a) => a.filename)).toEqual([`factuur-${invoice.number}.pdf`]);
  });
});
