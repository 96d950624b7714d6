import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID, ValidateNested } from 'class-validator';

export class AttendanceRecordDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  enrolmentId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'left out: every meeting of the session' })
  @IsOptional() @IsUUID()
  meetingId?: string;

  @ApiProperty()
  @IsBoolean()
  present: boolean;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceRecordDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => AttendanceRecordDto)
  records: AttendanceRecordDto[];
}

export class AttendanceResponse {
  @ApiProperty({ description: 'attendance rows written (enrolment × meeting)' }) recorded: number;
  @ApiProperty({ type: [String], description: 'enrolments completed by this call' }) completedEnrolmentIds: string[];
}
