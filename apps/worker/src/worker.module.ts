import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { JobsModule } from '@schakel/jobs';
import { MessagingModule } from '@schakel/messaging';
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
  ],
  providers: [MaintenanceProcessor, MessagesProcessor],
})
export class WorkerModule {}
