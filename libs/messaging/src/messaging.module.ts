import { Module } from '@nestjs/common';
import { OrderingModule } from '@schakel/ordering';
import { CaughtMailRepository } from './caught-mail.repository';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryService } from './delivery.service';
import { MessagingEventConsumer } from './events/messaging.consumer';
import { MailerService } from './mailer.service';
import { MessageContextRepository } from './message-context.repository';
import { MessageComposer } from './message.composer';
import { PreferenceRepository } from './preference.repository';
import { MessagingRetention } from './retention.service';
import { SweepService } from './sweep.service';

/**
 * E-mail, without controllers: the worker drives MessagingEventConsumer, SweepService and
 * DeliveryService; the API adds MessagingHttpModule. Uses the global DatabaseModule,
 * JobsModule, ConfigModule and WebModule (signed links), and OrderingModule for invoices.
 */
@Module({
  // The order confirmation carries its invoice (OrderingModule's InvoiceService renders it).
  imports: [OrderingModule],
  providers: [
    CaughtMailRepository,
    DeliveryRepository,
    DeliveryService,
    MailerService,
    MessageComposer,
    MessageContextRepository,
    MessagingEventConsumer,
    PreferenceRepository,
    MessagingRetention,
    SweepService,
  ],
  exports: [CaughtMailRepository, DeliveryRepository, DeliveryService, MessagingEventConsumer, MessagingRetention, PreferenceRepository, SweepService],
})
export class MessagingModule {}
