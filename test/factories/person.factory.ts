import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { Locale } from '@schakel/common';
import { PasswordHasher, TokenService, User, UserRepository } from '@schakel/identity';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export interface Person {
  user: User;
  token: string;
  auth: { Authorization: string };
}

const unique = () => randomUUID().slice(0, 8);

/** A person with an account and a fresh access token, inserted directly; hashing happens once per test file. */
export async function createPerson(
  app: INestApplicationContext,
  options: { name?: string; email?: string; locale?: Locale; isPlatformAdmin?: boolean; emailVerified?: boolean } = {},
): Promise<Person> {
  passwordHash ??= app.get(PasswordHasher).hash(TEST_PASSWORD);
  const user = await app.get(UserRepository).insert({
    email: options.email ?? `person-${unique()}@test.schakel`,
    name: options.name ?? `Test Persoon ${unique()}`,
    passwordHash: await passwordHash,
    locale: options.locale ?? 'nl',
    isPlatformAdmin: options.isPlatformAdmin ?? false,
    emailVerifiedAt: options.emailVerified === false ? null : new Date(),
  });
  const token = app.get(TokenService).issue(user.id, user.tokenVersion ?? 0).accessToken;
  return { user, token, auth: { Authorization: `Bearer ${token}` } };
}

export function createPlatformAdmin(app: INestApplicationContext): Promise<Person> {
  return createPerson(app, { isPlatformAdmin: true, name: 'Platform Admin' });
}

/** n people with accounts and tokens, made directly (no n logins). */
export function createLearners(app: INestApplicationContext, n: number): Promise<Person[]> {
  return Promise.all(Array.from({ length: n }, () => createPerson(app)));
}
