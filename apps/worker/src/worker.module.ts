import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { CertificationEventConsumer, CertificationModule, ChainReportEventConsumer } from '@schakel/certification';
import { AppConfig, ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { WebModule } from '@schakel/web';
import { JobsModule, OutboxWorkerModule } from '@schakel/jobs';
import { CompletionEventConsumer, EnrolmentModule, ImportEventConsumer } from '@schakel/enrolment';
import { MessagingEventConsumer, MessagingModule } from '@schakel/messaging';
import { SessionModule } from '@schakel/session';
import { BackgroundYield } from './background-yield';
import { GracefulShutdown } from './graceful-shutdown';
import { jobHandlersProvider } from './job-handlers';
import { JobSchedules } from './job-schedules';
import { MaintenanceService } from './maintenance.service';
import { CertificatesProcessor, ImportsProcessor, MaintenanceProcessor, MessagesProcessor } from './queue.processor';

/**
 * The background worker: no HTTP, only core modules (a test checks that no controller is
 * loaded); the only process that registers queue processors. Adding an event consumer is
 * one line here: its module in `imports`, its class in `consumers`.
 */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel } }),
    }),
    DatabaseModule,
    JobsModule.forRoot({ role: 'worker' }),
    WebModule,
    MessagingModule,
    SessionModule,
    DiscoveryModule,
    OutboxWorkerModule.register({
      imports: [MessagingModule, CertificationModule, EnrolmentModule],
      consumers: [MessagingEventConsumer, CertificationEventConsumer, ChainReportEventConsumer, ImportEventConsumer, CompletionEventConsumer],
    }),
  ],
  providers: [BackgroundYield, jobHandlersProvider, MaintenanceService, JobSchedules, MaintenanceProcessor, MessagesProcessor, CertificatesProcessor, ImportsProcessor, GracefulShutdown],
})
export class WorkerModule {}
