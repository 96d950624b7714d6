import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

export class MembershipLinkQueryDto {
  @ApiProperty({ description: 'The signed token from the e-mail' })
  @IsString()
  token: string;
}

/** The page's form: which button was pressed. */
export interface MembershipLinkForm {
  decision?: unknown;
  /** Only when the account's address is unproven: the mailbox owner chooses the password. */
  password?: unknown;
  passwordRepeat?: unknown;
}
