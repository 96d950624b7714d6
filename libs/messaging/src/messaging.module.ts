import { Module } from '@nestjs/common';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryService } from './delivery.service';
import { DevMailController } from './dev-mail.controller';
import { MessagingEventConsumer } from './events/messaging.consumer';
import { MailerService } from './mailer.service';
import { MessageContextRepository } from './message-context.repository';
import { MessageComposer } from './message.composer';
import { PreferenceRepository } from './preference.repository';
import { PreferencesController, UnsubscribeController } from './preferences.controller';
import { SweepService } from './sweep.service';

/**
 * E-mail. The API serves preferences, unsubscribe links and the development mail page;
 * the worker drives MessagingEventConsumer, SweepService and DeliveryService. Uses the global DatabaseModule, JobsModule and ConfigModule.
 */
@Module({
  controllers: [PreferencesController, UnsubscribeController, DevMailController],
  providers: [
    DeliveryRepository,
    DeliveryService,
    MailerService,
    MessageComposer,
    MessageContextRepository,
    MessagingEventConsumer,
    PreferenceRepository,
    SweepService,
  ],
  exports: [DeliveryService, MessagingEventConsumer, PreferenceRepository, SweepService, DeliveryRepository],
})
export class MessagingModule {}
