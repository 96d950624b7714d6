import { LinkSigner } from '@schakel/web';
import { startApi, TestApi } from '../../support/app';
import { createTenant, type Tenant } from '../../factories/organisation.factory';

describe('an invited member chooses a password through the invitation link', () => {
  let api: TestApi;
  let tenant: Tenant;

  beforeAll(async () => {
    api = await startApi();
    tenant = await createTenant(api.app, 'Welzijn Welkom');
  });
  afterAll(() => api.close());

  const invite = async (locale: 'nl' | 'en' = 'nl') => {
    const email = `nieuw-${Date.now()}-${locale}@example.nl`;
    const added = await api.http().post(`/api/organisations/${tenant.organisation.id}/members`).set(tenant.admin.auth)
      .send({ email, name: 'Nieuwe Vrijwilliger', roles: ['learner'], chainRoles: ['first-conversation'], locale });
    expect(added.body.hasAccount).toBe(false);
    const url = new URL(api.app.get(LinkSigner).welcomeUrl(added.body.userId));
    return { email, userId: added.body.userId as string, path: `${url.pathname}${url.search}` };
  };
  const login = (email: string, password: string) => api.http().post('/api/auth/login').send({ email, password });

  it('shows a form, refuses a short or mistyped password, then lets her sign in', async () => {
    const { email, path } = await invite();
    const page = await api.http().get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Welkom, Nieuwe Vrijwilliger');
    expect(page.text).toContain('type="password"');

    const short = await api.http().post(path).type('form').send({ password: 'kort', passwordRepeat: 'kort' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('te kort');
    const mistyped = await api.http().post(path).type('form').send({ password: 'een lang wachtwoord', passwordRepeat: 'een ander wachtwoord' });
    expect(mistyped.status).toBe(400);
    expect(mistyped.text).toContain('niet gelijk');
    expect((await login(email, 'een lang wachtwoord')).status).toBe(401);

    const done = await api.http().post(path).type('form').send({ password: 'een lang wachtwoord', passwordRepeat: 'een lang wachtwoord' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Je account is klaar');
    expect((await login(email, 'een lang wachtwoord')).status).toBe(200);
  });

  it('works once: the link cannot change a password that exists', async () => {
    const { email, path } = await invite('en');
    await api.http().post(path).type('form').send({ password: 'first password here', passwordRepeat: 'first password here' });
    const again = await api.http().post(path).type('form').send({ password: 'taken over password', passwordRepeat: 'taken over password' });
    expect(again.status).toBe(200);
    expect(again.text).toContain('You already have a password');
    expect((await login(email, 'taken over password')).status).toBe(401);
    expect((await login(email, 'first password here')).status).toBe(200);
  });

  it('refuses a forged link (404)', async () => {
    const { userId } = await invite();
    const forged = api.app.get(LinkSigner).sign('cancel', userId);
    expect((await api.http().get(`/welcome?token=${encodeURIComponent(forged)}`)).status).toBe(404);
    expect((await api.http().post(`/welcome?token=${userId}.AAAA`).type('form').send({ password: 'x'.repeat(12), passwordRepeat: 'x'.repeat(12) })).status).toBe(404);
  });
});
