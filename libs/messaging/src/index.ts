import { CaughtMail } from './entities/caught-mail.entity';
import { MessageDelivery } from './entities/message-delivery.entity';
import { MessagePreference } from './entities/message-preference.entity';

export * from './calendar.builder';
export * from './delivery.repository';
export * from './delivery.service';
export * from './entities/caught-mail.entity';
export * from './entities/message-delivery.entity';
export * from './entities/message-preference.entity';
export * from './link-signer';
export * from './message-format';
export * from './message-windows';
export * from './messaging.module';
export * from './notification.service';
export * from './preference.repository';
export * from './sweep.queries';
export * from './sweep.service';
export * from './template.renderer';

export const MESSAGING_ENTITIES = [MessageDelivery, CaughtMail, MessagePreference];
export * from './cancel-link.controller';
export * from './welcome.controller';
