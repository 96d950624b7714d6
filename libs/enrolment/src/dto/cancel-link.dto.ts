import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

export class CancelLinkQueryDto {
  @ApiProperty({ description: 'The signed token from the e-mail' })
  @IsString()
  token: string;
}
