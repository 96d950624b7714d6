import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@schakel/identity';
import { MembershipRepository } from '@schakel/organisation';
import type { Session } from './entities/session.entity';
import { SessionError } from './session.exception';
import { SessionRepository, SessionViewer } from './session.repository';

/**
 * Who may see and run a session. Open sessions are public. An in-company session exists
 * only for members of its organisation, its trainers and platform admins: everybody else
 * gets 404, on every route that names it.
 */
@Injectable()
export class SessionAccess {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async viewer(user: AuthUser | undefined): Promise<SessionViewer> {
    if (!user) return { isPlatformAdmin: false, memberOf: [] };
    const memberships = user.isPlatformAdmin ? [] : await this.memberships.findAllForUser(user.id);
    return { userId: user.id, isPlatformAdmin: user.isPlatformAdmin, memberOf: memberships.map((m) => m.organisationId) };
  }

  async findVisible(user: AuthUser | undefined, sessionId: string): Promise<Session> {
    const session = await this.sessions.findById(sessionId);
    if (!session || !(await this.canSee(user, session))) throw SessionError.notFound();
    return session;
  }

  /** 404 for those who cannot see the session, 403 for those who can but do not train it. */
  async requireTrainer(user: AuthUser, sessionId: string, options: { allowPlatformAdmin: boolean }): Promise<Session> {
    const session = await this.findVisible(user, sessionId);
    if (options.allowPlatformAdmin && user.isPlatformAdmin) return session;
    if (!(await this.sessions.isTrainer(session.id, user.id))) throw SessionError.trainersOnly();
    return session;
  }

  isTrainer(sessionId: string, userId: string): Promise<boolean> {
    return this.sessions.isTrainer(sessionId, userId);
  }

  private async canSee(user: AuthUser | undefined, session: Session): Promise<boolean> {
    if (session.visibility === 'open') return true;
    if (!user) return false;
    if (user.isPlatformAdmin) return true;
    if (session.organisationId && (await this.memberships.find(session.organisationId, user.id))) return true;
    return this.sessions.isTrainer(session.id, user.id);
  }
}
