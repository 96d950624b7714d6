import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity.module';
import { IdentityController } from './identity.controller';
import { ResetPasswordController } from './reset-password.controller';
import { VerifyEmailController } from './verify-email.controller';
import { WelcomeController } from './welcome.controller';

/** Register, log in, password reset, and the pages where a new member chooses a password or anyone resets one. */
@Module({
  imports: [IdentityModule],
  controllers: [IdentityController, WelcomeController, ResetPasswordController, VerifyEmailController],
})
export class IdentityHttpModule {}
