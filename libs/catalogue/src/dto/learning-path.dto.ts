import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHAIN_ROLES, type ChainRole } from '@schakel/common';
import { CourseSummaryResponse } from './course.dto';

export const PATH_STATUSES = ['not-started', 'in-progress', 'completed', 'certified'] as const;
export type PathStatus = (typeof PATH_STATUSES)[number];

export class LearningPathItemResponse extends CourseSummaryResponse {
  @ApiProperty({ description: '1-based place in the path' }) step: number;
  @ApiProperty({ description: 'false when the course is on the path only as a prerequisite of one that is' }) forRole: boolean;
  @ApiPropertyOptional({ enum: PATH_STATUSES, description: "the caller's own status; only with a bearer token" })
  myStatus?: PathStatus;
}

export class LearningPathResponse {
  @ApiProperty({ enum: CHAIN_ROLES }) chainRole: ChainRole;
  @ApiProperty({ type: [LearningPathItemResponse] }) items: LearningPathItemResponse[];
}
