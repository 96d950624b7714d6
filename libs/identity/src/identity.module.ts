import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './auth.guard';
import { User } from './entities/user.entity';
import { IdentityService } from './identity.service';
import { PasswordHasher } from './password.hasher';
import { TokenService } from './token.service';
import { UserRepository } from './user.repository';

/** People, passwords and access tokens; the global AuthGuard. No HTTP: see IdentityHttpModule. */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [IdentityService, PasswordHasher, TokenService, UserRepository, AuthGuard],
  exports: [IdentityService, TokenService, UserRepository, AuthGuard, PasswordHasher],
})
export class IdentityModule {}
