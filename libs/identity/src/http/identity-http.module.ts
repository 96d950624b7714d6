import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity.module';
import { IdentityController } from './identity.controller';
import { WelcomeController } from './welcome.controller';

/** Register, log in, and the invitation page where a new member chooses a password. */
@Module({
  imports: [IdentityModule],
  controllers: [IdentityController, WelcomeController],
})
export class IdentityHttpModule {}
