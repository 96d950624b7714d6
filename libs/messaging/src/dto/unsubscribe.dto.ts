import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'The signed token from the e-mail' })
  @IsString()
  token: string;
}
