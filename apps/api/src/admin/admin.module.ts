import { Module } from '@nestjs/common';
import { FailedEventsController } from './failed-events.controller';
import { FailedEvents } from './failed-events.service';

/** Platform administration that joins libs (the outbox's dead letter): the JSON route and the service the Beheer page uses. */
@Module({
  controllers: [FailedEventsController],
  providers: [FailedEvents],
  exports: [FailedEvents],
})
export class AdminModule {}
