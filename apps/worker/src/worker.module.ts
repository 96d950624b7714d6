import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { JobsModule } from '@schakel/jobs';
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
  ],
  providers: [MaintenanceProcessor],
})
export class WorkerModule {}
