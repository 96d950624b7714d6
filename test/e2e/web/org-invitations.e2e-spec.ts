import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@schakel/jobs';
import { startApi, startWorker, type TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { PageClient, pageText } from '../../support/page-client';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { waitFor } from '../../support/wait-for';
import { createTenant, type Tenant } from '../../factories/organisation.factory';
import { TEST_PASSWORD, type Person } from '../../factories/person.factory';

/** Issue 13, "Leden": an open invitation has "Opnieuw sturen" beside "Intrekken"; the mail goes again, at most once per ten minutes. */
describe('web: sending an open invitation again from "Leden"', () => {
  let dropDatabase: () => Promise<void>;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let tenant: Tenant;

  beforeAll(async () => {
    dropDatabase = await isolateRun('web-invitations');
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    process.env.SWEEP_INTERVAL_SECONDS = '3600';
    api = await startApi();
    worker = await startWorker();
    tenant = await createTenant(api.app);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase?.();
  });

  async function signedIn(person: Person): Promise<PageClient> {
    const browser = new PageClient(api);
    await browser.signIn(person.user.email, TEST_PASSWORD);
    return browser;
  }

  const membersPath = () => `/org/${tenant.organisation.id}/members`;
  const welcomeMails = (email: string) => sink.to(email).filter((m) => /^Welkom bij Schakel/.test(m.subject ?? ''));

  it('sends the invitation again with "Opnieuw sturen", says so, and asks to wait ten minutes before the next', async () => {
    const admin = await signedIn(tenant.admin);
    const email = `nina-${randomUUID().slice(0, 8)}@test.schakel`;
    const invited = await admin.submit(membersPath(), { name: 'Nina Nieuw', email, roles: 'learner', locale: 'nl' });
    expect(invited.status).toBe(303);
    const [{ user_id: userId }] = await api.app.get(DataSource).query(`SELECT id AS user_id FROM users WHERE email = $1`, [email]);
    await worker.get(OutboxRelay).relayDue();
    await waitFor(async () => welcomeMails(email), (m) => m.length === 1, { what: 'the first invitation' });

    const page = await admin.get(membersPath());
    expect(page.text).toContain(`action="${membersPath()}/${userId}/resend"`);
    expect(page.text).toContain('aria-label="Uitnodiging opnieuw sturen naar Nina Nieuw">Opnieuw sturen</button>');
    // An active member who has answered has no such button.
    expect(page.text).not.toContain(`${membersPath()}/${tenant.learner.user.id}/resend`);

    // Just invited: not yet (the first mail is only minutes old).
    const tooSoon = await admin.submit(membersPath(), {}, `${membersPath()}/${userId}/resend`);
    expect(tooSoon.status).toBe(429);
    expect(pageText(tooSoon.text)).toContain('De uitnodiging voor Nina Nieuw is net verstuurd. Je kunt hem 10 minuten na de laatste e-mail opnieuw sturen.');

    await api.app.get(DataSource).query(`UPDATE memberships SET created_at = created_at - interval '11 minutes' WHERE user_id = $1`, [userId]);
    const resent = await admin.submit(membersPath(), {}, `${membersPath()}/${userId}/resend`);
    expect(resent.status).toBe(303);
    expect(resent.headers.location).toBe(membersPath());
    expect(pageText((await admin.get(membersPath())).text)).toContain('De uitnodiging is opnieuw gestuurd naar Nina Nieuw.');
    await worker.get(OutboxRelay).relayDue();
    const mails = await waitFor(async () => welcomeMails(email), (m) => m.length === 2, { what: 'the invitation sent again' });
    expect(mails[1].text).toContain('http://schakel.test/welcome?token=');

    // Someone who has answered: the page says there is nothing to send.
    const answered = await admin.submit(membersPath(), {}, `${membersPath()}/${tenant.learner.user.id}/resend`);
    expect(answered.status).toBe(303);
    expect(pageText((await admin.get(membersPath())).text)).toContain('heeft de uitnodiging al beantwoord');
  });

  it('is the "niet gevonden" page for another organisation\'s admin and for a learner, and sends nothing', async () => {
    const [{ user_id: userId }] = await api.app.get(DataSource).query(
      `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND u.password_hash IS NULL LIMIT 1`,
      [tenant.organisation.id],
    );
    const before = await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'member.invitation-resent'`);
    const other = await createTenant(api.app);
    for (const person of [other.admin, tenant.learner]) {
      const browser = await signedIn(person);
      const refused = await browser.submit('/me', {}, `${membersPath()}/${userId}/resend`);
      expect(refused.status).toBe(404);
      expect(pageText(refused.text)).toMatch(/niet gevonden/i);
    }
    expect(await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'member.invitation-resent'`)).toEqual(before);
  });
});
