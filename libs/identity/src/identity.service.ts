import { Injectable } from '@nestjs/common';
import { isUniqueViolation, type Locale } from '@schakel/common';
import { EntityManager } from 'typeorm';
import { User } from './entities/user.entity';
import { IdentityError } from './identity.exception';
import { PasswordHasher } from './password.hasher';
import { AccessToken, TokenService } from './token.service';
import { UserRepository } from './user.repository';

export interface Registration {
  email: string;
  password: string;
  name: string;
  locale?: Locale;
}

@Injectable()
export class IdentityService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async register(input: Registration): Promise<User> {
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.users.insert({
        email: input.email,
        name: input.name.trim(),
        passwordHash,
        locale: input.locale ?? 'nl',
        isPlatformAdmin: false,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email')) throw IdentityError.emailTaken();
      throw error;
    }
  }

  async login(email: string, password: string): Promise<AccessToken> {
    const user = await this.users.findByEmail(email);
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) throw IdentityError.badCredentials();
    if (user.passwordHash && this.hasher.needsRehash(user.passwordHash)) {
      await this.users.updatePassword(user.id, await this.hasher.hash(password));
    }
    return this.tokens.issue(user.id, user.tokenVersion);
  }

  /**
   * An invited member (created by an organisation, no password yet) chooses a password.
   * Only once: after that the invitation link does nothing, and the normal login applies.
   */
  async setInitialPassword(userId: string, password: string): Promise<boolean> {
    return this.users.setPasswordIfUnset(userId, await this.hasher.hash(password));
  }

  getById(id: string): Promise<User | null> {
    return this.users.findById(id);
  }

  /**
   * Finds a person by e-mail or creates one without a password (an invited member),
   * inside the caller's transaction. Safe under concurrency: the unique index decides.
   */
  async findOrCreateInvited(manager: EntityManager, email: string, name: string, locale: Locale = 'nl'): Promise<{ user: User; created: boolean }> {
    const existing = await this.users.findByEmail(email, manager);
    if (existing) return { user: existing, created: false };
    await manager.query('SAVEPOINT find_or_create_user');
    try {
      const user = await this.users.insert({ email, name, passwordHash: null, locale, isPlatformAdmin: false }, manager);
      await manager.query('RELEASE SAVEPOINT find_or_create_user');
      return { user, created: true };
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_users_email')) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT find_or_create_user');
      const winner = await this.users.findByEmail(email, manager);
      if (!winner) throw error;
      return { user: winner, created: false };
    }
  }

  /** Ends every outstanding access token of the person (a removal, a password reset). */
  revokeTokens(userId: string, manager?: EntityManager): Promise<void> {
    return this.users.revokeTokens(userId, manager);
  }

  /** Makes sure a platform administrator with this e-mail exists (ADMIN_EMAIL, demo data). */
  async ensurePlatformAdmin(email: string, password: string, name = 'Platformbeheerder'): Promise<User> {
    const existing = await this.users.findByEmail(email);
    if (existing) {
      if (!existing.isPlatformAdmin) await this.users.grantPlatformAdmin(existing.id);
      if (!(await this.hasher.verify(existing.passwordHash, password))) {
        await this.users.updatePassword(existing.id, await this.hasher.hash(password));
      }
      return { ...existing, isPlatformAdmin: true };
    }
    try {
      return await this.users.insert({
        email,
        name,
        passwordHash: await this.hasher.hash(password),
        locale: 'nl',
        isPlatformAdmin: true,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email')) return this.ensurePlatformAdmin(email, password, name);
      throw error;
    }
  }
}
