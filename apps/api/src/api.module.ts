import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AuditHttpModule } from '@schakel/audit/http';
import { CatalogueHttpModule } from '@schakel/catalogue/http';
import { CertificationHttpModule } from '@schakel/certification/http';
import { ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { EnrolmentHttpModule } from '@schakel/enrolment/http';
import { AuthGuard, IdentityModule } from '@schakel/identity';
import { IdentityHttpModule } from '@schakel/identity/http';
import { PageRendererModule, WebModule } from '@schakel/web';
import { JobsModule } from '@schakel/jobs';
import { MessagingHttpModule } from '@schakel/messaging/http';
import { OrderingHttpModule } from '@schakel/ordering/http';
import { OrganisationHttpModule } from '@schakel/organisation/http';
import { SessionHttpModule } from '@schakel/session/http';
import { ApiPressureReporter } from './edge/api-pressure.reporter';
import { HttpExceptionFilter } from './edge/http-exception.filter';
import { AdminModule } from './admin/admin.module';
import { RateLimitGuard } from './edge/rate-limit.guard';
import { RateLimiter } from './edge/rate-limiter';
import { LoggingModule } from './edge/logging.module';
import { HealthController } from './health.controller';
import { PagesModule } from './pages/pages.module';
import { PlatformAdminBootstrap } from './platform-admin.bootstrap';

/** The HTTP API: composes the domain modules behind one edge (guards, pipe, filter). */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    JobsModule.forRoot({ role: 'producer' }),
    WebModule,
    PageRendererModule,
    TerminusModule.forRoot({ logger: false }),
    IdentityModule,
    IdentityHttpModule,
    OrganisationHttpModule,
    CatalogueHttpModule,
    EnrolmentHttpModule,
    SessionHttpModule,
    MessagingHttpModule,
    AuditHttpModule,
    CertificationHttpModule,
    OrderingHttpModule,
    AdminModule,
    PagesModule,
  ],
  controllers: [HealthController],
  providers: [
    PlatformAdminBootstrap,
    ApiPressureReporter,
    { provide: APP_GUARD, useExisting: AuthGuard },
    RateLimiter,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class ApiModule {}
