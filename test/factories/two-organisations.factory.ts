/**
 * Two organisations, A (a tenant: admin, trainer, learner) and B with one record of each kind a
 * route can name, made through the factories (the API where the record's owner would use it).
 * The route matrix calls every route with B's records as A's people; the OpenAPI fuzz suite
 * uses them as ids that exist.
 */
import { DataSource } from 'typeorm';
import type { TestApi } from '../support/app';
import { insertCertificate } from './certificate.factory';
import { createCourse, createOnlineCourse, insertCourse, insertOnlineCourse, publish, type TestCourse } from './course.factory';
import { addLessons } from './lesson.factory';
import { confirmOrder, requestSeats } from './order.factory';
import { addMember, createTenant, grantPlatformTrainer, type Tenant } from './organisation.factory';
import { publishEvent } from './outbox-event.factory';
import { createPerson, createPlatformAdmin, type Person } from './person.factory';
import { putQuiz } from './quiz.factory';
import { scheduleSession } from './session.factory';

export interface OrganisationB extends Tenant {
  /** A platform trainer who belongs to B and authors B's courses (and trains B's in-company session). */
  author: Person;
  /** A second learner of B, on the waitlist of B's session. */
  waiting: Person;
  /** Somebody B asked to join (pending membership). */
  invitee: Person;
  draft: TestCourse;
  liveCourseId: string;
  /** The published live course's slug (its page is public; B's in-company session on it is B's). */
  liveSlug: string;
  sessionId: string;
  /** The first meeting of B's session (not started: attendance cannot be marked yet). */
  meetingId: string;
  confirmedEnrolmentId: string;
  waitlistedEnrolmentId: string;
  online: TestCourse;
  onlineEnrolmentId: string;
  certificateId: string;
  importId: string;
  orderId: string;
  requestedOrderId: string;
  invoiceId: string;
  licenceId: string;
  byOrganisationCourseId: string;
  outboxEventId: string;
  caughtMailId: string;
}

export interface World {
  a: Tenant;
  b: OrganisationB;
  platformAdmin: Person;
}

async function enrolThroughApi(api: TestApi, person: Person, body: object): Promise<string> {
  const response = await api.http().post('/api/enrolments').set(person.auth).send(body);
  if (response.status !== 201 && response.status !== 200) throw new Error(`enrolment failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

export async function buildWorld(api: TestApi): Promise<World> {
  const app = api.app;
  const data = app.get(DataSource);
  const [a, tenant, platformAdmin, author, waiting, invitee] = await Promise.all([
    createTenant(app, 'Gemeente Aardam'),
    createTenant(app, 'Gemeente Bedum'),
    createPlatformAdmin(app),
    createPerson(app, { name: 'Auteur van Bedum' }),
    createPerson(app, { name: 'Wachtende van Bedum' }),
    createPerson(app, { name: 'Genodigde van Bedum' }),
  ]);
  const org = tenant.organisation;
  await Promise.all([
    addMember(app, org, author, ['trainer']).then(() => grantPlatformTrainer(app, author)),
    addMember(app, org, waiting, ['learner'], ['first-conversation']),
    data.query(`INSERT INTO memberships (organisation_id, user_id, roles, chain_roles, status) VALUES ($1, $2, '{learner}', '{}', 'pending')`, [org.id, invitee.user.id]),
  ]);

  // A draft course (exists for its author only) with a lesson and a quiz.
  const draft = await createCourse(api, author, { format: 'online' });
  await addLessons(api, author, draft, 1);
  await putQuiz(api, author, draft.id);

  // B's in-company session: one seat, taken by B's learner; B's second learner waits.
  const live = await createCourse(api, author);
  await publish(api, author, live.id);
  const session = await scheduleSession(api, author, live, { visibility: 'in-company', organisationId: org.id, capacity: 1 });
  const confirmedEnrolmentId = await enrolThroughApi(api, tenant.learner, { courseId: live.id, sessionId: session.id });
  const waitlistedEnrolmentId = await enrolThroughApi(api, waiting, { courseId: live.id, sessionId: session.id });

  // An online course B's learner follows, and a certificate earned through B.
  const online = await createOnlineCourse(api, author, { lessons: 1 });
  const onlineEnrolmentId = await enrolThroughApi(api, tenant.learner, { courseId: online.id });
  const certified = await insertOnlineCourse(app);
  const certificate = await insertCertificate(app, { userId: tenant.learner.user.id, courseId: certified.id, expiresAt: null, organisationId: org.id });

  // What B bought: a confirmed seats order (licence, invoice) and one still requested.
  const byOrganisation = await insertCourse(app, { format: 'online', access: 'by-organisation', seatPriceCents: 1000 });
  const order = await requestSeats(api, tenant.admin, org.id, byOrganisation.id, 5);
  const confirmed = (await confirmOrder(api, platformAdmin, order.id)).body as { licenceId: string; invoiceId: string };
  const requested = await requestSeats(api, tenant.admin, org.id, byOrganisation.id, 2);

  const [imported] = (await data.query(`INSERT INTO imports (organisation_id, requested_by_id, total) VALUES ($1, $2, 0) RETURNING id`, [org.id, tenant.admin.user.id])) as Array<{ id: string }>;
  await publishEvent(app, 'member.invited', { organisationId: org.id, userId: tenant.learner.user.id });
  const [event] = (await data.query(`SELECT id FROM outbox_events WHERE payload->>'organisationId' = $1 ORDER BY created_at DESC LIMIT 1`, [org.id])) as Array<{ id: string }>;
  const [mail] = (await data.query(
    `INSERT INTO caught_mails (message_id, recipient, subject, text, html, raw) VALUES ('<m@test>', $1, 'Welkom bij Bedum', 't', 'h', 'r') RETURNING id`,
    [tenant.learner.user.email],
  )) as Array<{ id: string }>;

  return {
    a,
    platformAdmin,
    b: {
      ...tenant,
      author,
      waiting,
      invitee,
      draft,
      liveCourseId: live.id,
      liveSlug: live.slug,
      sessionId: session.id,
      meetingId: session.meetings[0].id,
      confirmedEnrolmentId,
      waitlistedEnrolmentId,
      online,
      onlineEnrolmentId,
      certificateId: certificate.id,
      importId: imported.id,
      orderId: order.id,
      requestedOrderId: requested.id,
      invoiceId: confirmed.invoiceId,
      licenceId: confirmed.licenceId,
      byOrganisationCourseId: byOrganisation.id,
      outboxEventId: event.id,
      caughtMailId: mail.id,
    },
  };
}
