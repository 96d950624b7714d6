import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, ValidateIf } from 'class-validator';
import type { Preferences } from '../preference.repository';

export class PreferencesResponse {
  @ApiProperty({ description: 'Nudges to carry on with an online module. Session reminders, certificate expiry notices, confirmations and changes always arrive.' })
  nudges: boolean;
}

export class UpdatePreferencesDto {
  @ApiPropertyOptional()
  // Left out: unchanged; null is not "unchanged" but a wrong type (IsOptional would let it through).
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  nudges?: boolean;
}

export function toPreferencesResponse(preferences: Preferences): PreferencesResponse {
  return { nudges: preferences.nudges };
}
