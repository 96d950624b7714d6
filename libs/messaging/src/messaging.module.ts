import { Module } from '@nestjs/common';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryService } from './delivery.service';
import { DevMailController } from './dev-mail.controller';
import { LinkSigner } from './link-signer';
import { MailerService } from './mailer.service';
import { MessageContextRepository } from './message-context.repository';
import { MessageComposer } from './message.composer';
import { NotificationService } from './notification.service';
import { PreferenceRepository } from './preference.repository';
import { PreferencesController, UnsubscribeController } from './preferences.controller';
import { SweepService } from './sweep.service';

/**
 * E-mail. The API serves preferences, unsubscribe links and the development mail page;
 * the worker's messages processor drives NotificationService, SweepService and
 * DeliveryService. Uses the global DatabaseModule, JobsModule and ConfigModule.
 */
@Module({
  controllers: [PreferencesController, UnsubscribeController, DevMailController],
  providers: [
    DeliveryRepository,
    DeliveryService,
    LinkSigner,
    MailerService,
    MessageComposer,
    MessageContextRepository,
    NotificationService,
    PreferenceRepository,
    SweepService,
  ],
  exports: [DeliveryService, LinkSigner, NotificationService, PreferenceRepository, SweepService, DeliveryRepository],
})
export class MessagingModule {}
