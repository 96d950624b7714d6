import { ApiProperty } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn } from 'class-validator';
import { PLATFORM_ROLES, type PlatformRole } from '../entities/user.entity';

export class PlatformRolesDto {
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true, example: ['trainer'] })
  @IsArray() @ArrayUnique() @IsIn(PLATFORM_ROLES, { each: true })
  roles: PlatformRole[];
}

export class PlatformRolesResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true }) roles: PlatformRole[];
}
