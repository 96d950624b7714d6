import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { CertificationCoreModule } from '@schakel/certification';
import { AppConfig, ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { JobsModule } from '@schakel/jobs';
import { MessagingModule } from '@schakel/messaging';
import { CertificateProcessor } from './certificate.processor';
import { GracefulShutdown } from './graceful-shutdown';
import { JobSchedules } from './job-schedules';
import { MaintenanceProcessor } from './maintenance.processor';
import { MessagesProcessor } from './messages.processor';

/** The background worker: no HTTP; the only process that registers queue processors. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel } }),
    }),
    DatabaseModule,
    JobsModule.forRoot({ role: 'worker' }),
    MessagingModule,
    DiscoveryModule,
    CertificationCoreModule,
  ],
  providers: [JobSchedules, MaintenanceProcessor, MessagesProcessor, CertificateProcessor, GracefulShutdown],
})
export class WorkerModule {}
