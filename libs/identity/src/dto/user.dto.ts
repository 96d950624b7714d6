import { ApiProperty } from '@nestjs/swagger';
import { LOCALES, type Locale } from '@schakel/common';
import type { User } from '../entities/user.entity';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty() isPlatformAdmin: boolean;
  @ApiProperty() createdAt: string;
}

/** Explicit mapping: no hash or internal field can leak. */
export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    isPlatformAdmin: user.isPlatformAdmin,
    createdAt: user.createdAt.toISOString(),
  };
}
