import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Locale } from '@schakel/common';

/**
 * Who may call a route. Access is deny-by-default: the global AuthGuard refuses
 * any route that does not declare one of these (a test walks every route).
 */
export type AccessLevel = 'public' | 'authenticated' | 'platform-admin';
export const ACCESS_KEY = 'schakel:access';

/** Anyone, with or without an account; a valid token still identifies the caller. */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies AccessLevel);
/** Any signed-in user; finer rules (organisation roles) are checked where the data is read. */
export const Authenticated = () => SetMetadata(ACCESS_KEY, 'authenticated' satisfies AccessLevel);
/** Platform administrators only. */
export const PlatformAdminOnly = () => SetMetadata(ACCESS_KEY, 'platform-admin' satisfies AccessLevel);

/** The signed-in person, as the guard loaded them for this request. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  isPlatformAdmin: boolean;
}

export interface AuthenticatedRequest {
  user?: AuthUser;
}

/** The signed-in user (on `@Public()` routes: undefined when anonymous). */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
