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
}

/**
 * The global guard. Loads the caller from the database on every request (no
 * session state in the API process), and refuses routes that declare no access.
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
    if (access === 'public') return true;
    if (!request.user) throw IdentityError.badToken();
    if (access === 'platform-admin' && !request.user.isPlatformAdmin) {
      throw CommonError.forbidden('Only platform administrators may do this');
    }
    return true;
  }

  private async loadUser(token: string): Promise<AuthUser> {
    const subject = this.tokens.verify(token);
    const user = await this.users.findPrincipal(subject.userId);
    // A reset password or a removal from an organisation raised the version: older tokens end.
    if (!user || user.tokenVersion !== subject.tokenVersion) throw IdentityError.badToken();
    const { tokenVersion: _version, ...principal } = user;
    return principal;
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const [scheme, value] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !value) throw IdentityError.badToken();
  return value.trim();
}
