import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { CertificationCoreModule } from '@schakel/certification';
import { AppConfig, ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { JobsModule } from '@schakel/jobs';
import { CertificateProcessor } from './certificate.processor';
import { GracefulShutdown } from './graceful-shutdown';
import { MaintenanceProcessor } from './maintenance.processor';

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
    DiscoveryModule,
    CertificationCoreModule,
  ],
  providers: [MaintenanceProcessor, CertificateProcessor, GracefulShutdown],
})
export class WorkerModule {}
