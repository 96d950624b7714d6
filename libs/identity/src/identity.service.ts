import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation, type Locale } from '@schakel/common';
import { UnitOfWork } from '@schakel/jobs';
import { LinkSigner } from '@schakel/web';
import { EntityManager } from 'typeorm';
import { User, type PlatformRole } from './entities/user.entity';
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
    private readonly work: UnitOfWork,
    private readonly links: LinkSigner,
  ) {}

  /**
   * Registers an unproven account and mails the verification link. An address that has an
   * account already gets the same answer and no new account (the hash is made either way, so
   * the time taken does not tell either): nobody learns whether an address is registered.
   */
  async register(input: Registration): Promise<void> {
    const passwordHash = await this.hasher.hash(input.password);
    try {
      await this.work.run(async (tx) => {
        const user = await this.users.insert(
          { email: input.email, name: input.name.trim(), passwordHash, locale: input.locale ?? 'nl', isPlatformAdmin: false, emailVerifiedAt: null },
          tx.manager,
        );
        await tx.publish('email.verification-requested', { userId: user.id, requestId: randomUUID() });
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_users_email')) throw error;
    }
  }

  /** See UserRepository.claimUnverified: whoever opened the mailed link owns the address. */
  async claimUnverified(userId: string, password: string): Promise<boolean> {
    return this.users.claimUnverified(userId, await this.hasher.hash(password));
  }

  /** The verification link (API or page): proves the address it was sent to. */
  async verifyEmail(token: string): Promise<User> {
    const signed = this.links.verify('verify-email', token);
    const [userId, ...address] = signed ? signed.split(':') : [];
    const email = address.join(':');
    if (!userId || !email || !(await this.users.markEmailVerified(userId, email))) throw IdentityError.verifyLinkInvalid();
    const user = await this.users.findById(userId);
    if (!user) throw IdentityError.verifyLinkInvalid();
    return user;
  }

  async login(email: string, password: string): Promise<AccessToken> {
    const user = await this.checkCredentials(email, password);
    return this.tokens.issue(user.id, user.tokenVersion);
  }

  /** The account these credentials open (the API issues a token for it, the pages a session); 401 otherwise. */
  async checkCredentials(email: string, password: string): Promise<User> {
    const user = await this.users.findByEmail(email);
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) throw IdentityError.badCredentials();
    if (user.passwordHash && this.hasher.needsRehash(user.passwordHash)) {
      await this.users.updatePassword(user.id, await this.hasher.hash(password));
    }
    return user;
  }

  /**
   * "Forgot my password": mails a reset link when the address has an account, and answers
   * the same (nothing) when it has not, so the caller learns nothing about the address.
   */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) return;
    await this.work.run(async (tx) => {
      await tx.publish('password.reset-requested', { userId: user.id, requestId: randomUUID() });
    });
  }

  /**
   * Sets a new password from a reset link. The link names the account's token version and
   * the reset raises it: the link works once, and every outstanding access token ends.
   */
  async resetPassword(token: string, password: string): Promise<void> {
    const subject = this.resetSubject(token);
    if (!subject) throw IdentityError.resetLinkInvalid();
    const done = await this.users.resetPassword(subject.userId, subject.tokenVersion, await this.hasher.hash(password));
    if (!done) throw IdentityError.resetLinkInvalid();
  }

  /** Whose reset link this is, if it is valid, unexpired and unused (the page asks before it acts). */
  async resetLinkHolder(token: string): Promise<User | null> {
    const subject = this.resetSubject(token);
    const user = subject ? await this.users.findById(subject.userId) : null;
    return user && subject && user.tokenVersion === subject.tokenVersion ? user : null;
  }

  private resetSubject(token: string): { userId: string; tokenVersion: number } | null {
    const signed = this.links.verify('reset', token);
    const [userId, version] = signed ? signed.split(':') : [];
    const tokenVersion = Number(version);
    return userId && Number.isInteger(tokenVersion) ? { userId, tokenVersion } : null;
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

  /** `findOrCreateInvited` for many people in two statements (an import batch); keyed by normalised address. */
  findOrCreateInvitedMany(manager: EntityManager, people: ReadonlyArray<{ email: string; name: string; locale?: Locale }>) {
    return this.users.findOrCreateInvitedMany(manager, people.map((p) => ({ email: p.email, name: p.name.trim(), locale: p.locale ?? 'nl' })));
  }

  /** PUT /api/users/:userId/platform-roles (the route admits platform admins only); returns the roles held before. */
  async setPlatformRoles(manager: EntityManager, userId: string, roles: PlatformRole[]): Promise<PlatformRole[]> {
    const before = await this.users.lockPlatformRoles(manager, userId);
    if (!before) throw IdentityError.userNotFound();
    await this.users.setPlatformRoles(manager, userId, roles);
    return before;
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
        emailVerifiedAt: new Date(), // configured by the operator
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email')) return this.ensurePlatformAdmin(email, password, name);
      throw error;
    }
  }
}
