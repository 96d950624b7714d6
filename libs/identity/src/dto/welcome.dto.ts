import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

/** The invitation link's query: `?token=<signed user id>`. */
export class WelcomeQueryDto {
  @ApiProperty({ description: 'The signed token from the e-mail' })
  @IsString()
  token: string;
}

/** The choose-a-password form, read leniently: a missing field is "too short", never a validation error page. */
export interface WelcomeForm {
  password?: unknown;
  passwordRepeat?: unknown;
}
