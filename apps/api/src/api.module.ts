import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { CatalogueModule } from '@schakel/catalogue';
import { CertificationModule } from '@schakel/certification';
import { ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { EnrolmentModule } from '@schakel/enrolment';
import { AuthGuard, IdentityModule } from '@schakel/identity';
import { WebModule } from '@schakel/web';
import { JobsModule } from '@schakel/jobs';
import { CancelLinkModule, MessagingModule } from '@schakel/messaging';
import { OrganisationModule } from '@schakel/organisation';
import { SessionModule } from '@schakel/session';
import { HttpExceptionFilter } from './edge/http-exception.filter';
import { RateLimitGuard } from './edge/rate-limit.guard';
import { LoggingModule } from './edge/logging.module';
import { HealthController } from './health.controller';
import { PlatformAdminBootstrap } from './platform-admin.bootstrap';

/** The HTTP API: composes the domain modules behind one edge (guards, pipe, filter). */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    JobsModule.forRoot({ role: 'producer' }),
    WebModule,
    TerminusModule.forRoot({ logger: false }),
    IdentityModule,
    OrganisationModule,
    CatalogueModule,
    EnrolmentModule,
    SessionModule,
    MessagingModule,
    CancelLinkModule,
    CertificationModule,
  ],
  controllers: [HealthController],
  providers: [
    PlatformAdminBootstrap,
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class ApiModule {}
