import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type Redis from 'ioredis';
import { AppConfig } from '@schakel/config';
import { REDIS_CLIENT } from '@schakel/database';
import { AccessModule } from '@schakel/access';
import { IdentityModule } from '@schakel/identity';
import { PageCsrfGuard, PageSessions } from '@schakel/web';
import { AccountPagesController } from './account/account.controller';
import { AdminPagesModule } from './admin/admin-pages.module';
import { LearnerPagesModule } from './learner/learner-pages.module';
import { OrgPagesModule } from './org/org-pages.module';
import { PageNavGuard } from './page-nav.guard';
import { TrainerPagesModule } from './trainer/trainer-pages.module';
import { TrainingsPagesModule } from './trainings/trainings-pages.module';
import { HomePageController } from './visitor/home.controller';
import { VisitorPagesModule } from './visitor/visitor-pages.module';

/**
 * The web pages (`/`, not `/api`): thin controllers by audience (`visitor/`, `account/`,
 * `learner/`, …, each area with its own module imported here) that call the domain services
 * and render `templates/pages/`. Sessions and CSRF: libs/web (PageSessions, PageCsrfGuard).
 */
@Module({
  imports: [IdentityModule, AccessModule, AdminPagesModule, VisitorPagesModule, TrainingsPagesModule, LearnerPagesModule, TrainerPagesModule, OrgPagesModule],
  controllers: [HomePageController, AccountPagesController],
  providers: [
    { provide: PageSessions, useFactory: (config: AppConfig, redis: Redis) => new PageSessions(config, redis), inject: [AppConfig, REDIS_CLIENT] },
    { provide: APP_GUARD, useClass: PageCsrfGuard },
    // After the sign-in guard (ApiModule's global guards come first): it reads the signed-in person.
    { provide: APP_GUARD, useClass: PageNavGuard },
  ],
  exports: [PageSessions],
})
export class PagesModule {}
