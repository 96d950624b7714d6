import { Injectable } from '@nestjs/common';
import { AccessService } from '@schakel/access';
import type { AuthUser } from '@schakel/identity';
import type { Session } from './entities/session.entity';
import { SessionError } from './session.exception';
import { SessionRepository, SessionViewer } from './session.repository';

/**
 * Loads a session for someone and answers with the session's own errors; the rule itself
 * (open sessions are public, an in-company one exists only for its organisation's members,
 * its trainers and platform admins) is AccessService's. Everybody else gets 404, on every
 * route that names the session.
 */
@Injectable()
export class SessionAccess {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly access: AccessService,
  ) {}

  /** Who is looking, for list queries that filter in SQL. */
  async viewer(user: AuthUser | undefined): Promise<SessionViewer> {
    if (!user) return { isPlatformAdmin: false, memberOf: [] };
    const memberOf = user.isPlatformAdmin ? [] : await this.access.organisationIds(user.id);
    return { userId: user.id, isPlatformAdmin: user.isPlatformAdmin, memberOf };
  }

  async findVisible(user: AuthUser | undefined, sessionId: string): Promise<Session> {
    const session = await this.sessions.findById(sessionId);
    if (!session || !(await this.access.canSeeSession(user, session))) throw SessionError.notFound();
    return session;
  }

  /** 404 for those who cannot see the session, 403 for those who can but do not train it. */
  async requireTrainer(user: AuthUser, sessionId: string, options: { allowPlatformAdmin: boolean }): Promise<Session> {
    const session = await this.findVisible(user, sessionId);
    if (options.allowPlatformAdmin && user.isPlatformAdmin) return session;
    if (!(await this.access.trainsSession(session.id, user.id))) throw SessionError.trainersOnly();
    return session;
  }

  isTrainer(sessionId: string, userId: string): Promise<boolean> {
    return this.access.trainsSession(sessionId, userId);
  }
}
