export * from './calendar.builder';
export * from './delivery.repository';
export * from './delivery.service';
export * from './entities/caught-mail.entity';
export * from './entities/message-delivery.entity';
export * from './entities/message-preference.entity';
export * from '@schakel/common';
export * from './message-windows';
export * from './messaging.module';
export * from './events/messaging.consumer';
export * from './preference.repository';
export * from './sweep.queries';
export * from './sweep.service';
export * from './template.renderer';

export * from './cancel-link.controller';
export * from './welcome.controller';
