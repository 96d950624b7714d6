import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@schakel/config';
import { AuthGuard } from './auth.guard';
import { User } from './entities/user.entity';
import { IdentityController } from './identity.controller';
import { IdentityService } from './identity.service';
import { PasswordHasher } from './password.hasher';
import { TokenService } from './token.service';
import { UserRepository } from './user.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwt.secret }),
    }),
  ],
  controllers: [IdentityController],
  providers: [IdentityService, PasswordHasher, TokenService, UserRepository, AuthGuard],
  exports: [IdentityService, TokenService, UserRepository, AuthGuard, PasswordHasher],
})
export class IdentityModule {}
