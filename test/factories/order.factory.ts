/**
 * Orders and licences, two ways:
 * - `requestSeats` / `requestInCompany` / `confirm` go through the API (org admin, platform admin);
 * - `insertLicence` writes a licence row directly, for suites that only need seats to exist.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TestApi } from '../support/app';
import { daysFromNow } from '../support/values';
import type { Person } from './person.factory';

export interface OrderBody {
  id: string;
  state: string;
  licenceId?: string;
  sessionId?: string;
  invoiceId?: string;
  [field: string]: unknown;
}

export async function requestSeats(api: TestApi, admin: Person, organisationId: string, courseId: string, seats = 10): Promise<OrderBody> {
  const response = await api.http().post(`/api/organisations/${organisationId}/orders`).set(admin.auth).send({ courseId, kind: 'seats', seats });
  if (response.status !== 201) throw new Error(`order not placed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as OrderBody;
}

export async function requestInCompany(api: TestApi, admin: Person, organisationId: string, courseId: string, participants = 14): Promise<OrderBody> {
  const response = await api.http().post(`/api/organisations/${organisationId}/orders`).set(admin.auth).send({
    courseId, kind: 'in-company-session', participants, preferredDates: ['2030-03-10', '2030-03-17', '2030-03-24'], location: 'Eigen zaal, Stadhuis', note: 'Wijkteam',
  });
  if (response.status !== 201) throw new Error(`order not placed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as OrderBody;
}

/** The body that confirms an in-company order: one trainer, two meetings a month ahead. */
export function inCompanyConfirmation(trainerId: string, priceCents = 250_000) {
  const start = daysFromNow(30).getTime();
  const hour = 3_600_000;
  return {
    trainerIds: [trainerId],
    priceCents,
    meetings: [
      { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3 * hour).toISOString() },
      { startsAt: new Date(start + 7 * 24 * hour).toISOString(), endsAt: new Date(start + 7 * 24 * hour + 3 * hour).toISOString() },
    ],
  };
}

export function confirmOrder(api: TestApi, platformAdmin: Person, orderId: string, body: object = {}) {
  return api.http().post(`/api/orders/${orderId}/confirm`).set(platformAdmin.auth).send(body);
}

export async function insertLicence(
  app: INestApplicationContext,
  input: { organisationId: string; courseId: string; seats: number; expiresAt?: Date | null },
): Promise<string> {
  const [row] = (await app.get(DataSource).query(
    `INSERT INTO licences (organisation_id, course_id, seats, expires_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [input.organisationId, input.courseId, input.seats, input.expiresAt ?? null],
  )) as Array<{ id: string }>;
  return row.id;
}

export async function licenceRow(app: INestApplicationContext, licenceId: string): Promise<{ seats: number; used: number; enrolments: number }> {
  const [row] = (await app.get(DataSource).query(
    `SELECT l.seats, l.used,
            (SELECT count(*)::int FROM enrolments e WHERE e.licence_id = l.id AND e.status <> 'cancelled') AS enrolments
       FROM licences l WHERE l.id = $1`,
    [licenceId],
  )) as Array<{ seats: number; used: number; enrolments: number }>;
  return row;
}
