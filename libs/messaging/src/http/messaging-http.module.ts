import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging.module';
import { DevMailController } from './dev-mail.controller';
import { PreferencesController } from './preferences.controller';
import { UnsubscribeController } from './unsubscribe.controller';

/** The API's part of messaging: preferences, the unsubscribe link and the development mail page. */
@Module({
  imports: [MessagingModule],
  controllers: [PreferencesController, UnsubscribeController, DevMailController],
})
export class MessagingHttpModule {}
