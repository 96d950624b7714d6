import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type Redis from 'ioredis';
import { AppConfig } from '@schakel/config';
import { REDIS_CLIENT } from '@schakel/database';
import { IdentityModule } from '@schakel/identity';
import { PageCsrfGuard, PageSessions } from '@schakel/web';
import { AccountPagesController } from './account/account.controller';
import { HomePageController } from './visitor/home.controller';

/**
 * The web pages (`/`, not `/api`): thin controllers by audience (`visitor/`, `account/`,
 * `learner/`, …, each area with its own module imported here) that call the domain services
 * and render `templates/pages/`. Sessions and CSRF: libs/web (PageSessions, PageCsrfGuard).
 */
@Module({
  imports: [IdentityModule],
  controllers: [HomePageController, AccountPagesController],
  providers: [
    { provide: PageSessions, useFactory: (config: AppConfig, redis: Redis) => new PageSessions(config, redis), inject: [AppConfig, REDIS_CLIENT] },
    { provide: APP_GUARD, useClass: PageCsrfGuard },
  ],
  exports: [PageSessions],
})
export class PagesModule {}
