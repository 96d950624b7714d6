import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChainRole, Locale, OrganisationRole } from '@schakel/common';
import { PasswordHasher, TokenService, User, UserRepository } from '@schakel/identity';
import { Membership, Organisation, type OrganisationKind } from '@schakel/organisation';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export interface Person {
  user: User;
  token: string;
  auth: { Authorization: string };
}

const unique = () => randomUUID().slice(0, 8);

/** A person with an account and a fresh access token; hashing happens once per test file. */
export async function createPerson(
  app: INestApplicationContext,
  options: { name?: string; email?: string; locale?: Locale; isPlatformAdmin?: boolean } = {},
): Promise<Person> {
  passwordHash ??= app.get(PasswordHasher).hash(TEST_PASSWORD);
  const user = await app.get(UserRepository).insert({
    email: options.email ?? `person-${unique()}@test.schakel`,
    name: options.name ?? `Test Persoon ${unique()}`,
    passwordHash: await passwordHash,
    locale: options.locale ?? 'nl',
    isPlatformAdmin: options.isPlatformAdmin ?? false,
  });
  const token = app.get(TokenService).issue(user.id).accessToken;
  return { user, token, auth: { Authorization: `Bearer ${token}` } };
}

export function createPlatformAdmin(app: INestApplicationContext): Promise<Person> {
  return createPerson(app, { isPlatformAdmin: true, name: 'Platform Admin' });
}

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
  return app.get(DataSource).getRepository(Membership).save({ organisationId: organisation.id, userId: person.user.id, roles, chainRoles });
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
