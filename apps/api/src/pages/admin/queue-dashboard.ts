import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import type { DynamicModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { IdentityModule, UserRepository } from '@schakel/identity';
import { QUEUES } from '@schakel/jobs';
import { pageContextOf, PageRenderer } from '@schakel/web';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board under /admin/queues, for platform admins only, behind the page session: a
 * visitor is sent to sign in, anyone else gets the "niet gevonden" page. bull-board is
 * Express middleware (Nest's guards do not run for it), so this check is its own: the same
 * session, token version and platform-admin flag the AuthGuard checks. Its buttons (retry,
 * clean) call its JSON API with fetch; those must come from our own pages (same origin).
 */
export function platformAdminOnly(users: UserRepository, pages: PageRenderer) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const session = req.session as (Request['session'] & { userId?: string; tokenVersion?: number }) | undefined;
      const principal = session?.userId ? await users.findCurrentPrincipal(session.userId, session.tokenVersion ?? -1) : null;
      if (!principal) {
        res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl.startsWith(QUEUE_DASHBOARD_PATH) ? req.originalUrl : QUEUE_DASHBOARD_PATH)}`);
        return;
      }
      if (!principal.isPlatformAdmin) {
        const page = pageContextOf(req);
        res.status(404).type('html').send(pages.render('error', page.view(pages.word(page.lang, 'errors.notFound.title'), { kind: 'notFound' })));
        return;
      }
      const site = req.headers['sec-fetch-site'];
      if (!['GET', 'HEAD'].includes(req.method) && site !== undefined && site !== 'same-origin') {
        res.status(403).json({ statusCode: 403, message: 'Only from the dashboard itself' });
        return;
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The dashboard's Nest modules: the board (with the access check above) and each of our queues on it. */
export function queueDashboardModules(): DynamicModule[] {
  return [
    BullBoardModule.forRootAsync({
      imports: [IdentityModule],
      inject: [UserRepository, PageRenderer],
      useFactory: (users: UserRepository, pages: PageRenderer) => ({
        route: QUEUE_DASHBOARD_PATH,
        adapter: ExpressAdapter,
        middleware: platformAdminOnly(users, pages),
        boardOptions: { uiConfig: { boardTitle: 'Schakel' } },
      }),
    }),
    ...QUEUES.map((name) => BullBoardModule.forFeature({ name, adapter: BullMQAdapter })),
  ];
}
