import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import type { Preferences } from '../preference.repository';

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

export function toPreferencesResponse(preferences: Preferences): PreferencesResponse {
  return { nudges: preferences.nudges };
}
