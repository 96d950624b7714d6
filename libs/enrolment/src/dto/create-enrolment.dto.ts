import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class CreateEnrolmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'a session of a live or blended course' })
  @IsOptional() @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'an org admin enrolling one of their members' })
  @IsOptional() @IsUUID()
  userId?: string;
}
