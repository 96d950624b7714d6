import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';

export class PreferencesResponse {
  @ApiProperty({ description: 'Session reminders, module nudges and certificate expiry notices. Confirmations and changes always arrive.' })
  nudges: boolean;
}

export class UpdatePreferencesDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  nudges?: boolean;
}

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'The signed token from the e-mail' })
  @IsString()
  token: string;
}
