import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@schakel/jobs';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { deliveryStates } from '../../support/message-deliveries';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { publishEvent } from '../../factories/outbox-event.factory';
import { createTenant, type Tenant } from '../../factories/organisation.factory';
import { createPerson } from '../../factories/person.factory';

/**
 * Issue 13: "see pending invitations and resend or revoke them". An org admin sends an open
 * invitation again: one more mail per resend, exactly once; at most once per ten minutes; never
 * for someone who has answered; another organisation's admin learns nothing (404).
 */
describe('organisation: resending an invitation', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: Tenant;

  beforeAll(async () => {
    dropDatabase = await isolateRun('invite-resend');
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    process.env.SWEEP_INTERVAL_SECONDS = '3600';
    api = await startApi();
    worker = await startWorker();
    tenant = await createTenant(api.app, `Gemeente Resend ${randomUUID().slice(0, 6)}`);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  const db = () => api.app.get(DataSource);
  const resend = (orgId: string, userId: string, auth = tenant.admin.auth) =>
    api.http().post(`/api/organisations/${orgId}/members/${userId}/resend-invitation`).set(auth).send();
  const invite = async (email: string) => {
    const added = await api.http().post(`/api/organisations/${tenant.organisation.id}/members`).set(tenant.admin.auth).send({ email, name: 'Ineke Uitgenodigd', roles: ['learner'], chainRoles: [] });
    expect(added.status).toBe(201);
    return added.body.userId as string;
  };
  /** Ten minutes and a bit pass for this invitation (the first mail and every resend so far). */
  const minutesPass = async (userId: string) => {
    await db().query(`UPDATE memberships SET created_at = created_at - interval '11 minutes' WHERE organisation_id = $1 AND user_id = $2`, [tenant.organisation.id, userId]);
    await db().query(`UPDATE audit_log SET created_at = created_at - interval '11 minutes' WHERE action = 'member.invitation-resent' AND subject_id = $1`, [userId]);
  };
  const mailsTo = async (email: string, subject: RegExp, count: number) => {
    await worker.get(OutboxRelay).relayDue();
    return waitFor(async () => sink.to(email).filter((m) => subject.test(m.subject ?? '')), (mails) => mails.length >= count, { what: `${count} mails to ${email}`, timeoutMs: 20_000 });
  };
  const allSent = (prefix: string, count: number) =>
    waitFor(() => deliveryStates(api.app, prefix), (states) => Object.keys(states).length === count && Object.values(states).every((s) => s === 'sent'), { what: `${count} sent deliveries`, timeoutMs: 20_000 });

  it('sends a new person her welcome mail again, one mail per resend, exactly once, and refuses within ten minutes', async () => {
    const email = `nieuw-${randomUUID().slice(0, 8)}@test.schakel`;
    const userId = await invite(email);
    const welcome = /^Welkom bij Schakel/;
    await mailsTo(email, welcome, 1);

    const tooSoon = await resend(tenant.organisation.id, userId);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.code).toBe('organisation.invitation-resent-recently');

    await minutesPass(userId);
    const first = await resend(tenant.organisation.id, userId);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ organisationId: tenant.organisation.id, userId, mail: 'member-invited', resend: 1, state: 'queued' });
    expect((await resend(tenant.organisation.id, userId)).status).toBe(429); // a double click: still one resend

    const again = await mailsTo(email, welcome, 2);
    expect(again[1].text).toContain('http://schakel.test/welcome?token=');

    await minutesPass(userId);
    expect((await resend(tenant.organisation.id, userId)).body.resend).toBe(2);
    await mailsTo(email, welcome, 3);

    // The same events handled again (a relay retry, a duplicate job) send nothing more.
    await publishEvent(api.app, 'member.invited', { organisationId: tenant.organisation.id, userId, resend: 2 });
    await worker.get(OutboxRelay).relayDue();
    const prefix = `member-invited:${tenant.organisation.id}:${userId}`;
    expect(await allSent(prefix, 3)).toEqual({ [prefix]: 'sent', [`${prefix}:resend:1`]: 'sent', [`${prefix}:resend:2`]: 'sent' });
    await waitFor(() => db().query(`SELECT count(*)::int AS n FROM outbox_events WHERE processed_at IS NULL`), (rows: Array<{ n: number }>) => rows[0].n === 0, { what: 'every event handled' });
    expect(sink.to(email).filter((m) => welcome.test(m.subject ?? ''))).toHaveLength(3);

    const [audit] = await db().query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'member.invitation-resent' AND subject_id = $1 AND actor_id = $2`, [userId, tenant.admin.user.id]);
    expect(audit.n).toBe(2);
  });

  it('asks an existing account to accept again while the membership is pending', async () => {
    const person = await createPerson(api.app);
    await invite(person.user.email);
    const asked = /wil u toevoegen/;
    await mailsTo(person.user.email, asked, 1);
    await minutesPass(person.user.id);
    const resent = await resend(tenant.organisation.id, person.user.id);
    expect(resent.status).toBe(202);
    expect(resent.body.mail).toBe('membership-requested');
    const mails = await mailsTo(person.user.email, asked, 2);
    expect(mails[1].text).toContain('http://schakel.test/accept-membership?token=');
  });

  it('is not for someone who answered, nor for someone who is no member', async () => {
    const active = await resend(tenant.organisation.id, tenant.learner.user.id);
    expect(active.status).toBe(409);
    expect(active.body.code).toBe('organisation.membership-not-pending');
    const stranger = await createPerson(api.app);
    expect((await resend(tenant.organisation.id, stranger.user.id)).status).toBe(404);
    const [audit] = await db().query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'member.invitation-resent' AND subject_id = ANY($1::text[])`, [[tenant.learner.user.id, stranger.user.id]]);
    expect(audit.n).toBe(0);
  });

  it('answers another organisation\'s admin 404 and a learner of this one 403, and sends nothing', async () => {
    const email = `ander-${randomUUID().slice(0, 8)}@test.schakel`;
    const userId = await invite(email);
    await minutesPass(userId);
    const other = await createTenant(api.app);
    const foreign = await resend(tenant.organisation.id, userId, other.admin.auth);
    expect(foreign.status).toBe(404);
    // Through her own organisation's path she names a person who is not hers: the same 404.
    expect((await resend(other.organisation.id, userId, other.admin.auth)).status).toBe(404);
    expect((await resend(tenant.organisation.id, userId, tenant.learner.auth)).status).toBe(403);
    expect((await api.http().post(`/api/organisations/${tenant.organisation.id}/members/${userId}/resend-invitation`).send()).status).toBe(401);
    const [events] = await db().query(`SELECT count(*)::int AS n FROM outbox_events WHERE payload->>'userId' = $1 AND payload ? 'resend'`, [userId]);
    expect(events.n).toBe(0);
  });
});
