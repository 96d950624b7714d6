/**
 * The route matrix's table: for every route the router serves whose path takes an id, how to
 * name organisation B's record in it. Key: the method and the path exactly as Express lists
 * them (`GET /api/sessions/:sessionId`). A new route with a `:param` fails the matrix until it
 * has a row here; a row whose route is gone fails it too.
 *
 * Adding a row:
 * - `paths`: one or more concrete paths naming B's records; `throughA`: paths naming A's
 *   organisation with B's record in it (A's admin only);
 * - `body` / `contentType`: a body that passes validation, so the request reaches the access
 *   check (an invalid body would be refused with 400 before it, proving nothing);
 * - `owner`: somebody of B for whom the same call is not 404 (the control: B's record is
 *   real and reachable, so A's 404 means "not for you"); left out for calls that would undo
 *   the world for later rows;
 * - `refusedToAll`: the route refuses everybody but platform admins before reading anything
 *   (403 for every id, existing or not, so it reveals nothing);
 * - `ownerBody`: the body of the owner's control when the row's own body would change B's record for
 *   good: one the form refuses only after the access check (a 400 that re-renders B's page proves it
 *   was reached);
 * - `call`: how the actor signs in, when it is not the bearer token: `(api, method, path, actor, body)`
 *   resolving to the response. Page routes (everything outside /api) use `onPage(row)`: the actor's own
 *   page session cookie and, for a form, her session's CSRF token (test/support/page-actors.ts), one
 *   sign-in per person for the whole table. A page answers a refusal with the "niet gevonden" page
 *   (404, also for a 403 of the domain and for pages only platform admins open), so page rows
 *   expect that page and never take `refusedToAll`.
 * - Or `exempt: why`: the path parameter is not a record of an organisation.
 */
import type { Response } from 'supertest';
import type { TestApi } from '../../support/app';
import { asPageActor, uploadOf } from '../../support/page-actors';
import type { Person } from '../../factories/person.factory';
import { QUIZ_QUESTIONS, QUIZ_RIGHT } from '../../factories/quiz.factory';
import { daysFromNow } from '../../support/values';
import type { World } from '../../factories/two-organisations.factory';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Row {
  paths: (w: World) => string[];
  /**
   * Variants naming A's organisation and B's record (`/organisations/<A>/members/<B's learner>`): called as
   * A's admin only, since A's member and trainer are refused by A's own role check first (403 about A, not B).
   */
  throughA?: (w: World) => string[];
  body?: (w: World) => object | string;
  contentType?: string;
  owner?: (w: World) => Person;
  ownerBody?: (w: World) => object | string;
  refusedToAll?: 'platform-admin';
  call?: (api: TestApi, method: Method, path: string, actor: Person, body?: object | string) => Promise<Response>;
  /** A page route: its refusal is the "niet gevonden" page. Set by `onPage`. */
  page?: true;
}
export interface Exempt {
  exempt: string;
}

const inAMonth = () => {
  const start = daysFromNow(30).getTime();
  return [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3 * 3_600_000).toISOString() }];
};

const b = (w: World) => w.b;
const org = (w: World) => w.b.organisation.id;

/** A page route's row: called through the actor's page session with her CSRF token. */
const onPage = (row: Omit<Row, 'call' | 'page' | 'refusedToAll'>): Row => ({ ...row, call: asPageActor, page: true });
/** The quiz form of the module player with the right answers (checkbox fields `q<n>`). */
const quizAnswers = () => Object.fromEntries(QUIZ_RIGHT.map((chosen, i) => [`q${i}`, chosen.map(String)]));

export const ROUTE_ROWS: Record<string, Row | Exempt> = {
  // organisation
  'GET /api/organisations/:orgId': { paths: (w) => [`/api/organisations/${org(w)}`], owner: (w) => w.b.learner },
  'POST /api/organisations/:orgId/members': {
    paths: (w) => [`/api/organisations/${org(w)}/members`],
    body: () => ({ email: `matrix-${Date.now()}@example.nl`, name: 'Via A', roles: ['learner'], chainRoles: [] }),
  },
  'GET /api/organisations/:orgId/members': { paths: (w) => [`/api/organisations/${org(w)}/members`], owner: (w) => w.b.admin },
  'PATCH /api/organisations/:orgId/members/:userId': {
    paths: (w) => [`/api/organisations/${org(w)}/members/${b(w).learner.user.id}`],
    throughA: (w) => [`/api/organisations/${w.a.organisation.id}/members/${b(w).learner.user.id}`],
    body: () => ({ chainRoles: ['coordinator'] }),
  },
  'DELETE /api/organisations/:orgId/members/:userId': {
    paths: (w) => [`/api/organisations/${org(w)}/members/${b(w).learner.user.id}`],
    throughA: (w) => [`/api/organisations/${w.a.organisation.id}/members/${b(w).learner.user.id}`],
  },
  'POST /api/organisations/:orgId/members/:userId/resend-invitation': {
    // The control asks for B's active learner: answered already (409), so no mail goes out.
    paths: (w) => [`/api/organisations/${org(w)}/members/${b(w).learner.user.id}/resend-invitation`, `/api/organisations/${org(w)}/members/${b(w).invitee.user.id}/resend-invitation`],
    throughA: (w) => [`/api/organisations/${w.a.organisation.id}/members/${b(w).invitee.user.id}/resend-invitation`],
    owner: (w) => w.b.admin,
  },
  'POST /api/me/memberships/:orgId/accept': { paths: (w) => [`/api/me/memberships/${org(w)}/accept`] },
  'POST /api/me/memberships/:orgId/decline': { paths: (w) => [`/api/me/memberships/${org(w)}/decline`] },
  'PUT /api/users/:userId/platform-roles': { paths: (w) => [`/api/users/${b(w).learner.user.id}/platform-roles`], body: () => ({ roles: ['trainer'] }), refusedToAll: 'platform-admin' },
  'GET /api/organisations/:orgId/reports/chain': { paths: (w) => [`/api/organisations/${org(w)}/reports/chain`], owner: (w) => w.b.admin },

  // catalogue: B's draft course exists for its author only
  'GET /api/courses/:courseId': { paths: (w) => [`/api/courses/${b(w).draft.id}`], owner: (w) => w.b.author },
  'PATCH /api/courses/:courseId': { paths: (w) => [`/api/courses/${b(w).draft.id}`], body: () => ({ title: 'Overgenomen door A' }) },
  'GET /api/courses/:courseId/lessons': { paths: (w) => [`/api/courses/${b(w).draft.id}/lessons`], owner: (w) => w.b.author },
  'POST /api/courses/:courseId/lessons': { paths: (w) => [`/api/courses/${b(w).draft.id}/lessons`], body: () => ({ title: 'Les van A', body: 'Tekst' }) },
  'GET /api/courses/:courseId/lessons/:lessonId': { paths: (w) => [`/api/courses/${b(w).draft.id}/lessons/${b(w).draft.lessonIds[0]}`], owner: (w) => w.b.author },
  'PATCH /api/courses/:courseId/lessons/:lessonId': { paths: (w) => [`/api/courses/${b(w).draft.id}/lessons/${b(w).draft.lessonIds[0]}`], body: () => ({ title: 'Les van A' }) },
  'DELETE /api/courses/:courseId/lessons/:lessonId': { paths: (w) => [`/api/courses/${b(w).draft.id}/lessons/${b(w).draft.lessonIds[0]}`] },
  'GET /api/courses/:courseId/quiz': { paths: (w) => [`/api/courses/${b(w).draft.id}/quiz`], owner: (w) => w.b.author },
  'PUT /api/courses/:courseId/quiz': { paths: (w) => [`/api/courses/${b(w).draft.id}/quiz`], body: () => ({ passMark: 50, questions: QUIZ_QUESTIONS }) },
  'GET /api/learning-paths/:chainRole': { exempt: 'a chain role is a word of the vocabulary, not a record' },

  // sessions: B's in-company session
  'POST /api/courses/:courseId/sessions': {
    paths: (w) => [`/api/courses/${b(w).draft.id}/sessions`],
    body: (w) => ({ meetings: inAMonth(), location: 'Zaal van A', capacity: 5, visibility: 'in-company', organisationId: w.a.organisation.id }),
  },
  'GET /api/sessions/:sessionId': { paths: (w) => [`/api/sessions/${b(w).sessionId}`], owner: (w) => w.b.learner },
  'PATCH /api/sessions/:sessionId': { paths: (w) => [`/api/sessions/${b(w).sessionId}`], body: () => ({ location: 'Elders' }), owner: (w) => w.b.author },
  'POST /api/sessions/:sessionId/cancel': { paths: (w) => [`/api/sessions/${b(w).sessionId}/cancel`] },
  'GET /api/sessions/:sessionId/calendar.ics': { paths: (w) => [`/api/sessions/${b(w).sessionId}/calendar.ics`], owner: (w) => w.b.learner },
  'GET /api/calendar/:token.ics': { exempt: 'a capability URL: the 256-bit feed token is the access, it names no organisation (calendar.e2e-spec)' },

  // enrolment
  'GET /api/enrolments/:enrolmentId': { paths: (w) => [`/api/enrolments/${b(w).confirmedEnrolmentId}`, `/api/enrolments/${b(w).onlineEnrolmentId}`], owner: (w) => w.b.learner },
  'GET /api/enrolments/:enrolmentId/quiz': { paths: (w) => [`/api/enrolments/${b(w).onlineEnrolmentId}/quiz`], owner: (w) => w.b.learner },
  'POST /api/enrolments/:enrolmentId/lessons/:lessonId/complete': { paths: (w) => [`/api/enrolments/${b(w).onlineEnrolmentId}/lessons/${b(w).online.lessonIds[0]}/complete`] },
  'POST /api/enrolments/:enrolmentId/quiz-attempts': { paths: (w) => [`/api/enrolments/${b(w).onlineEnrolmentId}/quiz-attempts`], body: () => ({ answers: QUIZ_RIGHT }) },
  'POST /api/enrolments/:enrolmentId/cancel': { paths: (w) => [`/api/enrolments/${b(w).confirmedEnrolmentId}/cancel`, `/api/enrolments/${b(w).onlineEnrolmentId}/cancel`] },
  'GET /api/sessions/:sessionId/enrolments': { paths: (w) => [`/api/sessions/${b(w).sessionId}/enrolments`], owner: (w) => w.b.author },
  'POST /api/sessions/:sessionId/waitlist/:enrolmentId/confirm': { paths: (w) => [`/api/sessions/${b(w).sessionId}/waitlist/${b(w).waitlistedEnrolmentId}/confirm`] },
  'POST /api/sessions/:sessionId/attendance': {
    paths: (w) => [`/api/sessions/${b(w).sessionId}/attendance`],
    body: (w) => ({ records: [{ enrolmentId: w.b.confirmedEnrolmentId, present: true }] }),
  },
  'POST /api/organisations/:orgId/imports': {
    paths: (w) => [`/api/organisations/${org(w)}/imports?dryRun=true`],
    contentType: 'text/csv',
    body: (w) => `email,name,chainRoles,courseId,sessionId\nnieuw@example.nl,Nieuw,,${w.b.online.id},\n`,
    owner: (w) => w.b.admin,
  },
  'GET /api/organisations/:orgId/imports/:importId': {
    paths: (w) => [`/api/organisations/${org(w)}/imports/${b(w).importId}`],
    throughA: (w) => [`/api/organisations/${w.a.organisation.id}/imports/${b(w).importId}`],
    owner: (w) => w.b.admin,
  },
  'GET /api/organisations/:orgId/imports/:importId/result.csv': {
    paths: (w) => [`/api/organisations/${org(w)}/imports/${b(w).importId}/result.csv`],
    throughA: (w) => [`/api/organisations/${w.a.organisation.id}/imports/${b(w).importId}/result.csv`],
    owner: (w) => w.b.admin,
  },

  // certification
  'GET /api/certificates/:certificateId': { paths: (w) => [`/api/certificates/${b(w).certificateId}`], owner: (w) => w.b.admin },
  'GET /api/certificates/:certificateId/pdf': { paths: (w) => [`/api/certificates/${b(w).certificateId}/pdf`] },
  'POST /api/certificates/:certificateId/revoke': { paths: (w) => [`/api/certificates/${b(w).certificateId}/revoke`], body: () => ({ reason: 'door A' }), refusedToAll: 'platform-admin' },
  'GET /api/verify/:code': { exempt: 'public by design: the 140-bit certificate code is the proof a holder shows (certificates.e2e-spec)' },
  'POST /api/verify/:code/check': { exempt: 'public by design: compares an uploaded PDF with the certificate the code names' },
  'GET /verify/:code': { exempt: 'the public verification page of a certificate code' },

  // ordering
  'POST /api/organisations/:orgId/orders': { paths: (w) => [`/api/organisations/${org(w)}/orders`], body: (w) => ({ courseId: w.b.byOrganisationCourseId, kind: 'seats', seats: 1 }) },
  'GET /api/organisations/:orgId/orders': { paths: (w) => [`/api/organisations/${org(w)}/orders`], owner: (w) => w.b.admin },
  'GET /api/organisations/:orgId/licences': { paths: (w) => [`/api/organisations/${org(w)}/licences`], owner: (w) => w.b.admin },
  'GET /api/organisations/:orgId/invoices': { paths: (w) => [`/api/organisations/${org(w)}/invoices`], owner: (w) => w.b.admin },
  'GET /api/orders/:orderId': { paths: (w) => [`/api/orders/${b(w).orderId}`, `/api/orders/${b(w).requestedOrderId}`], owner: (w) => w.b.admin },
  'GET /api/orders/:orderId/report': { paths: (w) => [`/api/orders/${b(w).orderId}/report`] },
  'POST /api/orders/:orderId/cancel': { paths: (w) => [`/api/orders/${b(w).requestedOrderId}/cancel`], body: () => ({ reason: 'door A' }) },
  'POST /api/orders/:orderId/confirm': { paths: (w) => [`/api/orders/${b(w).requestedOrderId}/confirm`], body: () => ({}), refusedToAll: 'platform-admin' },
  'POST /api/orders/:orderId/reject': { paths: (w) => [`/api/orders/${b(w).requestedOrderId}/reject`], body: () => ({ reason: 'door A' }), refusedToAll: 'platform-admin' },
  'POST /api/orders/:orderId/deliver': { paths: (w) => [`/api/orders/${b(w).orderId}/deliver`], body: () => ({}), refusedToAll: 'platform-admin' },
  'GET /api/invoices/:invoiceId': { paths: (w) => [`/api/invoices/${b(w).invoiceId}`], owner: (w) => w.b.admin },
  'GET /api/invoices/:invoiceId/pdf': { paths: (w) => [`/api/invoices/${b(w).invoiceId}/pdf`], owner: (w) => w.b.admin },
  'POST /api/invoices/:invoiceId/paid': { paths: (w) => [`/api/invoices/${b(w).invoiceId}/paid`], refusedToAll: 'platform-admin' },

  // operations
  'POST /api/admin/failed-events/:eventId/retry': { paths: (w) => [`/api/admin/failed-events/${b(w).outboxEventId}/retry`], refusedToAll: 'platform-admin' },
  'GET /dev/mail/:mailId': { paths: (w) => [`/dev/mail/${b(w).caughtMailId}`] },

  // ---- Pages (outside /api): the same records through the page session ----

  // Beheer: platform admins only, so "niet gevonden" for everybody else before anything is read.
  'GET /admin/orders/:orderId': onPage({ paths: (w) => [`/admin/orders/${b(w).orderId}`, `/admin/orders/${b(w).requestedOrderId}`], owner: (w) => w.platformAdmin }),
  'POST /admin/orders/:orderId/confirm': onPage({
    paths: (w) => [`/admin/orders/${b(w).requestedOrderId}/confirm`],
    body: () => ({ price: '10' }),
    owner: (w) => w.platformAdmin,
    ownerBody: () => ({ price: 'tien' }),
  }),
  'POST /admin/orders/:orderId/reject': onPage({
    paths: (w) => [`/admin/orders/${b(w).requestedOrderId}/reject`],
    body: () => ({ reason: 'door A' }),
    owner: (w) => w.platformAdmin,
    ownerBody: () => ({ reason: '' }),
  }),
  'POST /admin/invoices/:invoiceId/paid': onPage({ paths: (w) => [`/admin/invoices/${b(w).invoiceId}/paid`] }),
  'GET /admin/certificates/:certificateId/revoke': onPage({ paths: (w) => [`/admin/certificates/${b(w).certificateId}/revoke`], owner: (w) => w.platformAdmin }),
  'POST /admin/certificates/:certificateId/revoke': onPage({
    paths: (w) => [`/admin/certificates/${b(w).certificateId}/revoke`],
    body: () => ({ reason: 'door A' }),
    owner: (w) => w.platformAdmin,
    ownerBody: () => ({ reason: '' }),
  }),
  'POST /admin/failed-events/:eventId/retry': onPage({ paths: (w) => [`/admin/failed-events/${b(w).outboxEventId}/retry`] }),

  // Catalogue pages: a published open course is public by design; B's author's draft is hers only.
  'GET /courses/:slug': onPage({ paths: (w) => [`/courses/${b(w).draft.slug}`], owner: (w) => w.b.author }),
  'POST /courses/:slug/enrol': onPage({ paths: (w) => [`/courses/${b(w).draft.slug}/enrol`], body: () => ({}) }),
  'GET /learning-paths/:chainRole': { exempt: 'a chain role is a word of the vocabulary, not a record; the path lists published courses only' },

  // Mijn trainingen, the module player, Mijn certificaten: the learner's own records only.
  'GET /me/trainings/:enrolmentId/calendar.ics': onPage({ paths: (w) => [`/me/trainings/${b(w).confirmedEnrolmentId}/calendar.ics`], owner: (w) => w.b.learner }),
  'GET /me/trainings/:enrolmentId/cancel': onPage({
    paths: (w) => [`/me/trainings/${b(w).confirmedEnrolmentId}/cancel`, `/me/trainings/${b(w).onlineEnrolmentId}/cancel`],
    owner: (w) => w.b.learner,
  }),
  'POST /me/trainings/:enrolmentId/cancel': onPage({ paths: (w) => [`/me/trainings/${b(w).confirmedEnrolmentId}/cancel`, `/me/trainings/${b(w).onlineEnrolmentId}/cancel`] }),
  'GET /learn/:enrolmentId': onPage({ paths: (w) => [`/learn/${b(w).onlineEnrolmentId}`, `/learn/${b(w).onlineEnrolmentId}?step=quiz`], owner: (w) => w.b.learner }),
  'POST /learn/:enrolmentId/lessons/:lessonId': onPage({ paths: (w) => [`/learn/${b(w).onlineEnrolmentId}/lessons/${b(w).online.lessonIds[0]}`] }),
  'POST /learn/:enrolmentId/quiz': onPage({ paths: (w) => [`/learn/${b(w).onlineEnrolmentId}/quiz`], body: quizAnswers }),
  'GET /me/certificates/:certificateId/pdf': onPage({ paths: (w) => [`/me/certificates/${b(w).certificateId}/pdf`], owner: (w) => w.b.learner }),

  // The trainer's pages: B's in-company session (trained by B's author) and B's author's draft course.
  'GET /trainer/sessions/:id': onPage({ paths: (w) => [`/trainer/sessions/${b(w).sessionId}`], owner: (w) => w.b.author }),
  'POST /trainer/sessions/:id/waitlist/:enrolmentId/confirm': onPage({
    // B's session is full: its own trainer is told there is no seat (409), so the control changes nothing.
    paths: (w) => [`/trainer/sessions/${b(w).sessionId}/waitlist/${b(w).waitlistedEnrolmentId}/confirm`],
    owner: (w) => w.b.author,
  }),
  'POST /trainer/sessions/:id/capacity': onPage({ paths: (w) => [`/trainer/sessions/${b(w).sessionId}/capacity`], body: () => ({ capacity: '9' }), owner: (w) => w.b.author, ownerBody: () => ({ capacity: '0' }) }),
  'GET /trainer/sessions/:id/cancel': onPage({ paths: (w) => [`/trainer/sessions/${b(w).sessionId}/cancel`], owner: (w) => w.b.author }),
  'POST /trainer/sessions/:id/cancel': onPage({ paths: (w) => [`/trainer/sessions/${b(w).sessionId}/cancel`] }),
  'POST /trainer/sessions/:id/attendance/:meetingId': onPage({
    // Its meetings have not started: its own trainer is told so (422), nothing is written.
    paths: (w) => [`/trainer/sessions/${b(w).sessionId}/attendance/${b(w).meetingId}`],
    body: (w) => ({ listed: [w.b.confirmedEnrolmentId], present: [w.b.confirmedEnrolmentId] }),
    owner: (w) => w.b.author,
  }),
  'GET /trainer/sessions/:id/meetings': onPage({ paths: (w) => [`/trainer/sessions/${b(w).sessionId}/meetings`], owner: (w) => w.b.author }),
  'POST /trainer/sessions/:id/meetings': onPage({
    paths: (w) => [`/trainer/sessions/${b(w).sessionId}/meetings`],
    body: (w) => {
      const day = daysFromNow(60).toISOString().slice(0, 10);
      return { rowCount: '1', 'id-0': w.b.meetingId, 'date-0': day, 'start-0': '09:00', 'end-0': '12:00' };
    },
    owner: (w) => w.b.author,
    // "Nog een bijeenkomst": the same rows again with an empty one, nothing saved.
    ownerBody: (w) => ({ action: 'addMeeting', rowCount: '1', 'id-0': w.b.meetingId }),
  }),
  'GET /trainer/courses/:id': onPage({ paths: (w) => [`/trainer/courses/${b(w).draft.id}`], owner: (w) => w.b.author }),
  'POST /trainer/courses/:id/details': onPage({
    paths: (w) => [`/trainer/courses/${b(w).draft.id}/details`],
    body: () => ({ title: 'Overgenomen door A', summary: 'Van A' }),
    owner: (w) => w.b.author,
    ownerBody: () => ({ title: '', summary: '' }),
  }),
  'POST /trainer/courses/:id/status': onPage({ paths: (w) => [`/trainer/courses/${b(w).draft.id}/status`], body: () => ({ status: 'archived' }) }),
  'POST /trainer/courses/:id/prerequisites': onPage({
    paths: (w) => [`/trainer/courses/${b(w).draft.id}/prerequisites`],
    body: (w) => ({ prerequisiteIds: [w.b.online.id] }),
    owner: (w) => w.b.author,
    ownerBody: () => ({}),
  }),
  'POST /trainer/courses/:id/lessons': onPage({
    paths: (w) => [`/trainer/courses/${b(w).draft.id}/lessons`],
    body: () => ({ title: 'Les van A', body: 'Tekst' }),
    owner: (w) => w.b.author,
    ownerBody: () => ({ title: '', body: '' }),
  }),
  'GET /trainer/courses/:id/lessons/:lessonId': onPage({ paths: (w) => [`/trainer/courses/${b(w).draft.id}/lessons/${b(w).draft.lessonIds[0]}`], owner: (w) => w.b.author }),
  'POST /trainer/courses/:id/lessons/:lessonId': onPage({
    paths: (w) => [`/trainer/courses/${b(w).draft.id}/lessons/${b(w).draft.lessonIds[0]}`],
    body: () => ({ title: 'Les van A', body: 'Tekst' }),
    owner: (w) => w.b.author,
    ownerBody: () => ({ title: '', body: '' }),
  }),
  'GET /trainer/courses/:id/lessons/:lessonId/remove': onPage({ paths: (w) => [`/trainer/courses/${b(w).draft.id}/lessons/${b(w).draft.lessonIds[0]}/remove`], owner: (w) => w.b.author }),
  'POST /trainer/courses/:id/lessons/:lessonId/remove': onPage({ paths: (w) => [`/trainer/courses/${b(w).draft.id}/lessons/${b(w).draft.lessonIds[0]}/remove`] }),
  'POST /trainer/courses/:id/lessons/:lessonId/move': onPage({ paths: (w) => [`/trainer/courses/${b(w).draft.id}/lessons/${b(w).draft.lessonIds[0]}/move`], body: () => ({ direction: 'down' }) }),
  'GET /trainer/courses/:id/quiz': onPage({ paths: (w) => [`/trainer/courses/${b(w).draft.id}/quiz`], owner: (w) => w.b.author }),
  'POST /trainer/courses/:id/quiz': onPage({
    paths: (w) => [`/trainer/courses/${b(w).draft.id}/quiz`],
    body: () => ({ questionCount: '1', passMark: '50', maxAttempts: '3', 'prompt-0': 'Vraag van A', 'option-0-0': 'Ja', 'option-0-1': 'Nee', 'correct-0': '0' }),
    owner: (w) => w.b.author,
    // "Nog een vraag": the same form again with one more question, nothing saved.
    ownerBody: () => ({ action: 'addQuestion', questionCount: '1' }),
  }),

  // The organisation admin's pages: B's organisation, and B's people and records under A's path.
  'GET /org/:orgId': onPage({ paths: (w) => [`/org/${org(w)}`], owner: (w) => w.b.admin }),
  'GET /org/:orgId/report': onPage({ paths: (w) => [`/org/${org(w)}/report`], owner: (w) => w.b.admin }),
  'GET /org/:orgId/report.csv': onPage({ paths: (w) => [`/org/${org(w)}/report.csv`], owner: (w) => w.b.admin }),
  'GET /org/:orgId/report/chart.svg': onPage({ paths: (w) => [`/org/${org(w)}/report/chart.svg`], owner: (w) => w.b.admin }),
  'GET /org/:orgId/members': onPage({ paths: (w) => [`/org/${org(w)}/members`], owner: (w) => w.b.admin }),
  'POST /org/:orgId/members': onPage({
    paths: (w) => [`/org/${org(w)}/members`],
    body: () => ({ name: 'Via A', email: `matrix-page-${Date.now()}@example.nl`, roles: ['learner'], chainRoles: [] }),
    owner: (w) => w.b.admin,
    ownerBody: () => ({ name: '', email: '' }),
  }),
  'GET /org/:orgId/members/:userId': onPage({
    paths: (w) => [`/org/${org(w)}/members/${b(w).learner.user.id}`],
    throughA: (w) => [`/org/${w.a.organisation.id}/members/${b(w).learner.user.id}`],
    owner: (w) => w.b.admin,
  }),
  'POST /org/:orgId/members/:userId': onPage({
    paths: (w) => [`/org/${org(w)}/members/${b(w).learner.user.id}`],
    throughA: (w) => [`/org/${w.a.organisation.id}/members/${b(w).learner.user.id}`],
    body: () => ({ roles: ['learner'], chainRoles: ['coordinator'] }),
    owner: (w) => w.b.admin,
    ownerBody: () => ({ roles: [], chainRoles: [] }),
  }),
  'GET /org/:orgId/members/:userId/remove': onPage({
    paths: (w) => [`/org/${org(w)}/members/${b(w).learner.user.id}/remove`],
    throughA: (w) => [`/org/${w.a.organisation.id}/members/${b(w).learner.user.id}/remove`],
    owner: (w) => w.b.admin,
  }),
  'POST /org/:orgId/members/:userId/remove': onPage({
    paths: (w) => [`/org/${org(w)}/members/${b(w).learner.user.id}/remove`],
    throughA: (w) => [`/org/${w.a.organisation.id}/members/${b(w).learner.user.id}/remove`],
  }),
  'POST /org/:orgId/members/:userId/revoke': onPage({
    // The control withdraws nothing: B's learner is an active member ("al lid"), not an invitation.
    paths: (w) => [`/org/${org(w)}/members/${b(w).learner.user.id}/revoke`, `/org/${org(w)}/members/${b(w).invitee.user.id}/revoke`],
    throughA: (w) => [`/org/${w.a.organisation.id}/members/${b(w).invitee.user.id}/revoke`],
    owner: (w) => w.b.admin,
  }),
  'POST /org/:orgId/members/:userId/resend': onPage({
    // The control asks for B's active learner: answered already ("heeft al geantwoord"), nothing sent.
    paths: (w) => [`/org/${org(w)}/members/${b(w).learner.user.id}/resend`, `/org/${org(w)}/members/${b(w).invitee.user.id}/resend`],
    throughA: (w) => [`/org/${w.a.organisation.id}/members/${b(w).invitee.user.id}/resend`],
    owner: (w) => w.b.admin,
  }),
  'POST /org/:orgId/enrol': onPage({
    paths: (w) => [`/org/${org(w)}/enrol`],
    body: (w) => ({ enrolMember: w.b.waiting.user.id, enrolChoice: w.b.online.id }),
    owner: (w) => w.b.admin,
    ownerBody: () => ({}),
  }),
  'GET /org/:orgId/imports/new': onPage({ paths: (w) => [`/org/${org(w)}/imports/new`], owner: (w) => w.b.admin }),
  'POST /org/:orgId/imports/new': onPage({
    // "Proef" changes nothing, so the control may run it.
    paths: (w) => [`/org/${org(w)}/imports/new`],
    body: (w) => ({ file: uploadOf('mensen.csv', `email,name,chainRoles,courseId,sessionId\nnieuw@example.nl,Nieuw,,${w.b.online.id},\n`) }),
    owner: (w) => w.b.admin,
  }),
  'POST /org/:orgId/imports': onPage({
    paths: (w) => [`/org/${org(w)}/imports`],
    body: (w) => ({ csv64: Buffer.from(`email,name,chainRoles,courseId,sessionId\nnieuw@example.nl,Nieuw,,${w.b.online.id},\n`).toString('base64url') }),
    owner: (w) => w.b.admin,
    ownerBody: () => ({ csv64: '' }),
  }),
  'GET /org/:orgId/imports/:importId': onPage({
    paths: (w) => [`/org/${org(w)}/imports/${b(w).importId}`],
    throughA: (w) => [`/org/${w.a.organisation.id}/imports/${b(w).importId}`],
    owner: (w) => w.b.admin,
  }),
  'GET /org/:orgId/imports/:importId/result.csv': onPage({
    paths: (w) => [`/org/${org(w)}/imports/${b(w).importId}/result.csv`],
    throughA: (w) => [`/org/${w.a.organisation.id}/imports/${b(w).importId}/result.csv`],
    owner: (w) => w.b.admin,
  }),
  'GET /org/:orgId/orders': onPage({ paths: (w) => [`/org/${org(w)}/orders`], owner: (w) => w.b.admin }),
  'POST /org/:orgId/orders': onPage({
    paths: (w) => [`/org/${org(w)}/orders`],
    body: (w) => ({ kind: 'seats', courseId: w.b.byOrganisationCourseId, seats: '1' }),
    owner: (w) => w.b.admin,
    ownerBody: () => ({ kind: 'seats' }),
  }),
  'GET /org/:orgId/invoices/:invoiceId/pdf': onPage({
    paths: (w) => [`/org/${org(w)}/invoices/${b(w).invoiceId}/pdf`],
    throughA: (w) => [`/org/${w.a.organisation.id}/invoices/${b(w).invoiceId}/pdf`],
    owner: (w) => w.b.admin,
  }),

  // Routes without an id in the path that take B's record in the body or query.
  'POST /api/enrolments': { paths: () => ['/api/enrolments'], body: (w) => ({ courseId: w.b.liveCourseId, sessionId: w.b.sessionId }) },
  'POST /api/enrolments/bulk': {
    paths: (w) => [`/api/enrolments/bulk?organisationId=${org(w)}`],
    contentType: 'text/csv',
    body: (w) => `email,name,courseId,sessionId\n${w.b.waiting.user.email},Wachtende,${w.b.online.id},\n`,
    owner: (w) => w.b.admin,
  },
};

export const isExempt = (row: Row | Exempt): row is Exempt => 'exempt' in row;
