import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommonError } from '@schakel/common';
import { ACCESS_KEY, AccessLevel, AuthenticatedRequest, AuthUser } from './access.decorator';
import { IdentityError } from './identity.exception';
import { TokenService } from './token.service';
import { UserRepository } from './user.repository';

interface RequestWithHeaders extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  url: string;
  /** The page session (express-session), present on page requests only: never on /api. */
  session?: { userId?: string; tokenVersion?: number; destroy(done: (error?: unknown) => void): void };
}

/**
 * The global guard. Loads the caller from the database on every request (no
 * session state in the API process), and refuses routes that declare no access.
 * The JSON API knows only bearer tokens; the pages know only their session cookie, whose
 * session (in Redis) names the person and the token version she signed in with.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<RequestWithHeaders>();
    if (!access) {
      this.logger.error(`Route ${request.method} ${request.url} declares no access level; refused`);
      throw CommonError.forbidden();
    }
    const token = bearerToken(request.headers.authorization);
    if (token) request.user = await this.loadUser(token);
    else if (request.session?.userId) request.user = await this.loadSessionUser(request.session);
    if (access === 'public') return true;
    if (!request.user) throw IdentityError.badToken();
    if (access === 'platform-admin' && !request.user.isPlatformAdmin) {
      throw CommonError.forbidden('Only platform administrators may do this');
    }
    return true;
  }

  private async loadUser(token: string): Promise<AuthUser> {
    const subject = this.tokens.verify(token);
    const principal = await this.users.findCurrentPrincipal(subject.userId, subject.tokenVersion);
    if (!principal) throw IdentityError.badToken();
    return principal;
  }

  /** A session of an older token version (password reset, removal) ends: the page sees a visitor. */
  private async loadSessionUser(session: NonNullable<RequestWithHeaders['session']>): Promise<AuthUser | undefined> {
    const principal = await this.users.findCurrentPrincipal(session.userId ?? '', session.tokenVersion ?? -1);
    if (!principal) await new Promise<void>((done) => session.destroy(() => done()));
    return principal ?? undefined;
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const [scheme, value] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !value) throw IdentityError.badToken();
  return value.trim();
}
