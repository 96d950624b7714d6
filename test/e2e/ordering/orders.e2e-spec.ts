import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { insertCourse, insertOnlineCourse } from '../../factories/course.factory';
import { confirmOrder, inCompanyConfirmation, licenceRow, requestInCompany, requestSeats } from '../../factories/order.factory';
import { addMember, createTenant, createTrainer, type Tenant } from '../../factories/organisation.factory';
import { createPerson, createPlatformAdmin, type Person } from '../../factories/person.factory';

describe('orders: an organisation buys seats and an in-company session', () => {
  let api: TestApi;
  let tenant: Tenant;
  let platform: Person;
  let secondAdmin: Person;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    tenant = await createTenant(api.app, 'Gemeente Voorbeeldstad');
    secondAdmin = await createPerson(api.app);
    await addMember(api.app, tenant.organisation, secondAdmin, ['org-admin']);
    platform = await createPlatformAdmin(api.app);
  });
  afterAll(() => api.close());

  const db = () => api.app.get(DataSource);
  const orderEvents = async (orderId: string) =>
    (await db().query(`SELECT payload->>'userId' AS "userId", payload->>'state' AS state FROM outbox_events WHERE topic = 'order.changed' AND payload->>'orderId' = $1 ORDER BY created_at`, [orderId])) as Array<{ userId: string; state: string }>;

  it('a course is open or by-organisation, with a seat price in euro cents (set on create, changed by PATCH)', async () => {
    const author = await createTrainer(api.app);
    const created = await api.http().post('/api/courses').set(author.auth).send({
      slug: `verkocht-${Date.now()}`, title: 'Verkochte cursus', chainRoles: ['first-conversation'], format: 'online', access: 'by-organisation', seatPriceCents: 4950,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ access: 'by-organisation', seatPriceCents: 4950 });
    const changed = await api.http().patch(`/api/courses/${created.body.id}`).set(author.auth).send({ access: 'open', seatPriceCents: null });
    expect(changed.body).toMatchObject({ access: 'open', seatPriceCents: null });
    const bad = await api.http().patch(`/api/courses/${created.body.id}`).set(author.auth).send({ access: 'members', seatPriceCents: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['access', 'seatPriceCents']);
  });

  it('seats: requested, confirmed into a licence with an invoice; confirming twice does nothing twice', async () => {
    const course = await insertOnlineCourse(api.app, { access: 'by-organisation', seatPriceCents: 4950 });
    const order = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 25);
    expect(order).toMatchObject({ kind: 'seats', state: 'requested', seats: 25, organisationId: tenant.organisation.id });

    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => confirmOrder(api, platform, order.id)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const confirmed = answers[0].body;
    expect(confirmed).toMatchObject({ state: 'confirmed', priceCents: 4950, licenceId: expect.any(String), invoiceId: expect.any(String) });
    for (const a of answers) expect(a.body).toMatchObject({ licenceId: confirmed.licenceId, invoiceId: confirmed.invoiceId });
    expect((await confirmOrder(api, platform, order.id)).body.invoiceId).toBe(confirmed.invoiceId);

    const [counts] = await db().query(
      `SELECT (SELECT count(*)::int FROM licences WHERE order_id = $1) AS licences, (SELECT count(*)::int FROM invoices WHERE order_id = $1) AS invoices`,
      [order.id],
    );
    expect(counts).toEqual({ licences: 1, invoices: 1 });
    expect(await licenceRow(api.app, confirmed.licenceId)).toEqual({ seats: 25, used: 0, enrolments: 0 });

    const invoice = await api.http().get(`/api/invoices/${confirmed.invoiceId}`).set(tenant.admin.auth);
    expect(invoice.body).toMatchObject({
      lines: [{ quantity: 25, unitPriceCents: 4950 }], subtotalCents: 123750, vatCents: 25988, totalCents: 149738, paidAt: null,
    });
    // requested and confirmed, each to both admins, once
    const events = await orderEvents(order.id);
    expect(events.map((e) => `${e.state}:${e.userId}`).sort()).toEqual(
      [tenant.admin, secondAdmin].flatMap((a) => [`confirmed:${a.user.id}`, `requested:${a.user.id}`]).sort(),
    );
  });

  it('in-company: confirmed into a private session with its trainer, meetings and capacity = participants', async () => {
    const trainer = await createTrainer(api.app);
    const course = await insertCourse(api.app, { title: 'Verdiepend gesprek' });
    const order = await requestInCompany(api, tenant.admin, tenant.organisation.id, course.id, 14);
    expect(order).toMatchObject({ kind: 'in-company-session', state: 'requested', participants: 14, preferredDates: ['2030-03-10', '2030-03-17', '2030-03-24'] });

    const answer = await confirmOrder(api, platform, order.id, inCompanyConfirmation(trainer.user.id, 250_000));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'confirmed', sessionId: expect.any(String), invoiceId: expect.any(String), priceCents: 250_000 });
    const session = await api.http().get(`/api/sessions/${answer.body.sessionId}`).set(tenant.learner.auth);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ capacity: 14, visibility: 'in-company', organisationId: tenant.organisation.id, location: 'Eigen zaal, Stadhuis' });
    expect(session.body.meetings).toHaveLength(2);
    const [trainers] = await db().query(`SELECT array_agg(user_id) AS ids FROM session_trainers WHERE session_id = $1`, [answer.body.sessionId]);
    expect(trainers.ids).toEqual([trainer.user.id]);
    // an outsider does not see the private session
    expect((await api.http().get(`/api/sessions/${answer.body.sessionId}`).set((await createPerson(api.app)).auth)).status).toBe(404);

    const again = await confirmOrder(api, platform, order.id, inCompanyConfirmation(trainer.user.id, 1));
    expect(again.body).toMatchObject({ sessionId: answer.body.sessionId, priceCents: 250_000 });
    const [count] = await db().query(`SELECT count(*)::int AS n FROM sessions WHERE organisation_id = $1 AND course_id = $2`, [tenant.organisation.id, course.id]);
    expect(count.n).toBe(1);
  });

  it("the buyer's view of the in-company session: who attended, who completed, which certificates", async () => {
    const trainer = await createTrainer(api.app);
    const course = await insertCourse(api.app);
    const order = await requestInCompany(api, tenant.admin, tenant.organisation.id, course.id, 5);
    expect((await api.http().get(`/api/orders/${order.id}/report`).set(tenant.admin.auth)).status).toBe(409);
    const { sessionId } = (await confirmOrder(api, platform, order.id, inCompanyConfirmation(trainer.user.id))).body;
    const [ann, bob, cor] = await Promise.all(['Ann', 'Bob', 'Cor'].map((name) => createPerson(api.app, { name: `${name} Voorbeeld` })));
    const enrolments: Record<string, string> = {};
    for (const [name, person] of [['ann', ann], ['bob', bob], ['cor', cor]] as const) {
      await addMember(api.app, tenant.organisation, person, ['learner']);
      const r = await api.http().post('/api/enrolments').set(person.auth).send({ courseId: course.id, sessionId });
      expect(r.status).toBe(201);
      enrolments[name] = r.body.id;
    }
    const meetings = (await db().query(`SELECT id FROM meetings WHERE session_id = $1 ORDER BY starts_at`, [sessionId])) as Array<{ id: string }>;
    // the session took place (written directly: its meetings are in the future): Ann came twice and
    // completed with a certificate, Bob came once, Cor never
    await db().query(`INSERT INTO attendance (enrolment_id, meeting_id, present) VALUES ($1, $3, true), ($1, $4, true), ($2, $3, true), ($5, $3, false)`, [
      enrolments.ann, enrolments.bob, meetings[0].id, meetings[1].id, enrolments.cor,
    ]);
    await db().query(`UPDATE enrolments SET status = 'completed', completed_at = now() WHERE id = $1`, [enrolments.ann]);
    const [completion] = await db().query(`INSERT INTO completions (enrolment_id, user_id, course_id) VALUES ($1, $2, $3) RETURNING id`, [enrolments.ann, ann.user.id, course.id]);
    const [certificate] = await db().query(
      `INSERT INTO certificates (completion_id, user_id, course_id, code, state, valid_from, issued_at, locale) VALUES ($1, $2, $3, 'TESTCODE0000000000000000ABCD', 'issued', now(), now(), 'nl') RETURNING id`,
      [completion.id, ann.user.id, course.id],
    );

    const report = await api.http().get(`/api/orders/${order.id}/report`).set(tenant.admin.auth);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ orderId: order.id, sessionId, meetings: 2, enrolled: 3, attended: 2, completed: 1, certified: 1 });
    expect(report.body.participants).toEqual([
      expect.objectContaining({ name: 'Ann Voorbeeld', meetingsAttended: 2, attended: true, completed: true, certificate: expect.objectContaining({ id: certificate.id }) }),
      expect.objectContaining({ name: 'Bob Voorbeeld', meetingsAttended: 1, attended: true, completed: false, certificate: null }),
      expect.objectContaining({ name: 'Cor Voorbeeld', meetingsAttended: 0, attended: false, completed: false, certificate: null }),
    ]);
    expect((await api.http().get(`/api/orders/${order.id}/report`).set(tenant.learner.auth)).status).toBe(404);
  });

  it('a failing confirmation leaves nothing behind (unknown trainer: 400, order still requested, no session, no invoice)', async () => {
    const course = await insertCourse(api.app);
    const order = await requestInCompany(api, tenant.admin, tenant.organisation.id, course.id, 8);
    const answer = await confirmOrder(api, platform, order.id, inCompanyConfirmation('00000000-0000-4000-8000-000000000000'));
    expect(answer.status).toBe(400);
    expect(answer.body.details[0].field).toBe('trainerIds');
    const [row] = await db().query(`SELECT state, session_id, (SELECT count(*)::int FROM invoices WHERE order_id = $1) AS invoices FROM orders WHERE id = $1`, [order.id]);
    expect(row).toEqual({ state: 'requested', session_id: null, invoices: 0 });
  });

  it('rejects with a reason (platform admin), and the organisation cancels only what is still requested', async () => {
    const course = await insertOnlineCourse(api.app, { seatPriceCents: 1000 });
    const rejected = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 5);
    const byAdmin = await api.http().post(`/api/orders/${rejected.id}/reject`).set(tenant.admin.auth).send({ reason: 'zelf' });
    expect(byAdmin.status).toBe(403);
    const answer = await api.http().post(`/api/orders/${rejected.id}/reject`).set(platform.auth).send({ reason: 'Geen trainer beschikbaar' });
    expect(answer.body).toMatchObject({ state: 'rejected', reason: 'Geen trainer beschikbaar' });
    expect((await confirmOrder(api, platform, rejected.id)).status).toBe(409);

    const cancelled = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 5);
    const noReason = await api.http().post(`/api/orders/${cancelled.id}/cancel`).set(tenant.admin.auth).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const cancel = await api.http().post(`/api/orders/${cancelled.id}/cancel`).set(tenant.admin.auth).send({ reason: 'Budget ingetrokken' });
    expect(cancel.body).toMatchObject({ state: 'cancelled', reason: 'Budget ingetrokken' });
    expect((await orderEvents(cancelled.id)).filter((e) => e.state === 'cancelled')).toHaveLength(2);

    const confirmed = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 5);
    expect((await api.http().post(`/api/orders/${confirmed.id}/deliver`).set(platform.auth)).status).toBe(409);
    await confirmOrder(api, platform, confirmed.id);
    expect((await api.http().post(`/api/orders/${confirmed.id}/cancel`).set(tenant.admin.auth).send({ reason: 'te laat' })).status).toBe(409);
    // confirmed → delivered, once
    expect((await api.http().post(`/api/orders/${confirmed.id}/deliver`).set(tenant.admin.auth)).status).toBe(403);
    expect((await api.http().post(`/api/orders/${confirmed.id}/deliver`).set(platform.auth)).body.state).toBe('delivered');
    expect((await api.http().post(`/api/orders/${confirmed.id}/deliver`).set(platform.auth)).body.state).toBe('delivered');
    expect((await orderEvents(confirmed.id)).filter((e) => e.state === 'delivered')).toHaveLength(2);
  });

  it('lists the orders to decide for the platform admin only, oldest first', async () => {
    const course = await insertOnlineCourse(api.app, { seatPriceCents: 1000 });
    const first = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 1);
    const second = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 2);
    expect((await api.http().get('/api/orders?state=requested').set(tenant.admin.auth)).status).toBe(403);
    const list = await api.http().get('/api/orders?state=requested&limit=100').set(platform.auth);
    expect(list.status).toBe(200);
    const ids = list.body.items.map((o: { id: string }) => o.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(list.body.items.every((o: { state: string }) => o.state === 'requested')).toBe(true);
    const own = await api.http().get(`/api/organisations/${tenant.organisation.id}/orders`).set(tenant.admin.auth);
    expect(own.body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it('names the field of a bad order (400), needs a published course (404), and a price to confirm (422)', async () => {
    const course = await insertOnlineCourse(api.app);
    const post = (body: object) => api.http().post(`/api/organisations/${tenant.organisation.id}/orders`).set(tenant.admin.auth).send(body);
    expect((await post({ courseId: course.id, kind: 'seats' })).body.details[0].field).toBe('seats');
    expect((await post({ courseId: course.id, kind: 'seats', seats: 0 })).body.details[0].field).toBe('seats');
    expect((await post({ courseId: course.id, kind: 'in-company-session', participants: 3, location: 'Zaal 1' })).status).toBe(422);
    expect((await post({ courseId: course.id, kind: 'gift', seats: 1 })).body.details[0].field).toBe('kind');
    const draft = await insertCourse(api.app, { status: 'draft' });
    expect((await post({ courseId: draft.id, kind: 'seats', seats: 1 })).status).toBe(404);
    expect((await api.http().post(`/api/organisations/${tenant.organisation.id}/orders`).set(tenant.learner.auth).send({ courseId: course.id, kind: 'seats', seats: 1 })).status).toBe(403);
    const order = await requestSeats(api, tenant.admin, tenant.organisation.id, course.id, 3);
    const noPrice = await confirmOrder(api, platform, order.id);
    expect(noPrice.status).toBe(422);
    expect(noPrice.body.details[0].field).toBe('priceCents');
    expect((await confirmOrder(api, platform, order.id, { priceCents: 2000 })).body).toMatchObject({ state: 'confirmed', priceCents: 2000 });
  });
});
