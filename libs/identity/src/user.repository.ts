import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { preparedQuery } from '@schakel/database';
import { User, type PlatformRole } from './entities/user.entity';

export type NewUser = Pick<User, 'email' | 'name' | 'passwordHash' | 'locale' | 'isPlatformAdmin'> & Partial<Pick<User, 'emailVerifiedAt'>>;

export interface Principal {
  id: string;
  email: string;
  name: string;
  locale: User['locale'];
  isPlatformAdmin: boolean;
  tokenVersion: number;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /**
   * The signed-in person a token or page session names, or null when her token version moved
   * on since (a reset password, a removal from an organisation): older tokens and sessions end.
   */
  async findCurrentPrincipal(id: string, tokenVersion: number): Promise<Omit<Principal, 'tokenVersion'> | null> {
    const user = await this.findPrincipal(id);
    if (!user || user.tokenVersion !== tokenVersion) return null;
    const { tokenVersion: _version, ...principal } = user;
    return principal;
  }

  /**
   * The few columns every request needs, without entity hydration (the guard's hot path, on
   * every authenticated request): a named prepared statement, so PostgreSQL parses and plans
   * it once per connection.
   */
  async findPrincipal(id: string): Promise<Principal | null> {
    const rows = await preparedQuery<{ id: string; email: string; name: string; locale: User['locale']; is_platform_admin: boolean; token_version: number }>(
      this.users.manager.connection,
      'identity-principal',
      'SELECT id, email, name, locale, is_platform_admin, token_version FROM users WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row
      ? { id: row.id, email: row.email, name: row.name, locale: row.locale, isPlatformAdmin: row.is_platform_admin, tokenVersion: row.token_version }
      : null;
  }

  /**
   * Sets a new password if the account still has the token version the reset link named,
   * and raises the version: the link works once, and every outstanding access token ends.
   */
  async resetPassword(id: string, tokenVersion: number, passwordHash: string): Promise<boolean> {
    // For an UPDATE, TypeORM's postgres driver answers [rows, rowCount].
    const [, updated] = (await this.users.query(
      // The link came by mail: using it proves the address too (an unproven holder's account
      // becomes the mailbox owner's, as with a membership request).
      `UPDATE users SET password_hash = $3, token_version = token_version + 1, updated_at = now(),
                        email_verified_at = coalesce(email_verified_at, now())
        WHERE id = $1 AND token_version = $2`,
      [id, tokenVersion, passwordHash],
    )) as [unknown[], number];
    return updated > 0;
  }

  /** Ends every outstanding access token of the person (the guard compares the version). */
  async revokeTokens(id: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.users.manager).query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [id]);
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    const repo = manager ? manager.getRepository(User) : this.users;
    return repo.createQueryBuilder('u').where('lower(u.email) = :email', { email: normaliseEmail(email) }).getOne();
  }

  /**
   * Many invited people at once (an import batch), in the caller's transaction: the new
   * addresses are inserted in one statement (`ON CONFLICT DO NOTHING` on uq_users_email, so a
   * concurrent insert of the same address is simply found), the others found in one more.
   * Returns, per normalised address, the user's id and whether this call created her.
   */
  async findOrCreateInvitedMany(
    manager: EntityManager,
    people: ReadonlyArray<{ email: string; name: string; locale: User['locale'] }>,
  ): Promise<Map<string, { userId: string; created: boolean }>> {
    const found = new Map<string, { userId: string; created: boolean }>();
    const unique = [...new Map(people.map((p) => [normaliseEmail(p.email), p])).entries()];
    if (unique.length === 0) return found;
    const inserted = (await manager.query(
      `INSERT INTO users (email, name, locale)
       SELECT e, n, l FROM unnest($1::text[], $2::text[], $3::text[]) AS t(e, n, l)
       ON CONFLICT ((lower(email))) DO NOTHING
       RETURNING id, email`,
      [unique.map(([email]) => email), unique.map(([, p]) => p.name), unique.map(([, p]) => p.locale)],
    )) as Array<{ id: string; email: string }>;
    for (const row of inserted) found.set(row.email, { userId: row.id, created: true });
    const rest = unique.map(([email]) => email).filter((email) => !found.has(email));
    if (rest.length > 0) {
      const existing = (await manager.query(`SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])`, [rest])) as Array<{ id: string; email: string }>;
      for (const row of existing) found.set(row.email, { userId: row.id, created: false });
    }
    return found;
  }

  /** Inserts the user; a concurrent insert of the same e-mail breaks uq_users_email. */
  insert(user: NewUser, manager?: EntityManager): Promise<User> {
    const repo = manager ? manager.getRepository(User) : this.users;
    return repo.save(repo.create({ ...user, email: normaliseEmail(user.email) }));
  }

  async updatePassword(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }

  /** Everyone holding a platform role (the trainers a platform admin can put on an in-company session), by name. */
  async withPlatformRole(role: PlatformRole): Promise<Array<{ id: string; name: string; email: string }>> {
    return (await this.users.query(`SELECT id, name, email FROM users WHERE $1 = ANY(platform_roles) ORDER BY name, id`, [role])) as Array<{ id: string; name: string; email: string }>;
  }

  /** The language of her pages and mails, as the person chose it. */
  async updateLocale(id: string, locale: User['locale']): Promise<void> {
    await this.users.update({ id }, { locale });
  }

  /** The mailed link was opened: the address is proven (if it is still the account's address). */
  async markEmailVerified(id: string, email: string): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .update(User)
      .set({ emailVerifiedAt: () => 'coalesce(email_verified_at, now())' })
      .where('id = :id AND email = :email', { id, email: normaliseEmail(email) })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * The mailbox owner takes over an unproven account that holds her address (she opened a
   * link mailed there): her password replaces the holder's, the address counts as proven,
   * and the holder's tokens end. False when the account was proven meanwhile.
   */
  async claimUnverified(id: string, passwordHash: string): Promise<boolean> {
    const [, updated] = (await this.users.query(
      `UPDATE users SET password_hash = $2, email_verified_at = now(), token_version = token_version + 1, updated_at = now()
        WHERE id = $1 AND email_verified_at IS NULL`,
      [id, passwordHash],
    )) as [unknown[], number];
    return updated > 0;
  }

  /** True when the password was set now; false when one existed already (or no such user). */
  async setPasswordIfUnset(id: string, passwordHash: string): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .update(User)
      // The invitation came by mail: choosing a password from it proves the address.
      .set({ passwordHash, emailVerifiedAt: () => 'coalesce(email_verified_at, now())' })
      .where('id = :id AND password_hash IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The person's platform roles, locked for a change in this transaction; null when there is no such person. */
  async lockPlatformRoles(manager: EntityManager, id: string): Promise<PlatformRole[] | null> {
    const [row] = (await manager.query(`SELECT platform_roles FROM users WHERE id = $1 FOR UPDATE`, [id])) as Array<{ platform_roles: PlatformRole[] }>;
    return row ? row.platform_roles : null;
  }

  async setPlatformRoles(manager: EntityManager, id: string, roles: PlatformRole[]): Promise<void> {
    await manager.getRepository(User).update({ id }, { platformRoles: roles });
  }

  async grantPlatformAdmin(id: string): Promise<void> {
    await this.users.update({ id }, { isPlatformAdmin: true });
  }
}
