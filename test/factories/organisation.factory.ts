import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChainRole, OrganisationRole } from '@schakel/common';
import { ChainReportSummaryRepository } from '@schakel/certification';
import { Membership, Organisation, type OrganisationKind } from '@schakel/organisation';
import { createPerson, type Person } from './person.factory';

const unique = () => randomUUID().slice(0, 8);

export async function createOrganisation(
  app: INestApplicationContext,
  name = `Organisatie ${unique()}`,
  kind: OrganisationKind = 'municipality',
): Promise<Organisation> {
  return app.get(DataSource).getRepository(Organisation).save({ name, kind });
}

export async function addMember(
  app: INestApplicationContext,
  organisation: Organisation,
  person: Person,
  roles: OrganisationRole[],
  chainRoles: ChainRole[] = [],
): Promise<Membership> {
  const membership = await app.get(DataSource).getRepository(Membership).save({ organisationId: organisation.id, userId: person.user.id, roles, chainRoles });
  // Written around the domain (no event): the chain report's summary is refreshed as its consumer would.
  await app.get(ChainReportSummaryRepository).refreshPeople([person.user.id]);
  return membership;
}

export interface Tenant {
  organisation: Organisation;
  admin: Person;
  trainer: Person;
  learner: Person;
}

/** An organisation with an org-admin, a trainer and a learner (first conversation). */
export async function createTenant(app: INestApplicationContext, name?: string): Promise<Tenant> {
  const organisation = await createOrganisation(app, name);
  const [admin, trainer, learner] = await Promise.all([createPerson(app), createPerson(app), createPerson(app)]);
  await addMember(app, organisation, admin, ['org-admin']);
  await addMember(app, organisation, trainer, ['trainer']);
  await addMember(app, organisation, learner, ['learner'], ['first-conversation']);
  return { organisation, admin, trainer, learner };
}

/** A platform trainer (authors courses, schedules open sessions), also trainer in an organisation of their own. */
export async function createTrainer(app: INestApplicationContext): Promise<Person> {
  const person = await createPerson(app, { name: `Trainer ${unique()}` });
  await addMember(app, await createOrganisation(app), person, ['trainer']);
  await grantPlatformTrainer(app, person);
  return person;
}

/** What a platform admin's PUT /api/users/:userId/platform-roles does, written directly. */
export async function grantPlatformTrainer(app: INestApplicationContext, person: Person): Promise<void> {
  await app.get(DataSource).query(`UPDATE users SET platform_roles = ARRAY['trainer'] WHERE id = $1`, [person.user.id]);
}
