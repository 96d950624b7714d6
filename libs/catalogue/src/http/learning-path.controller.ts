import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, type AuthUser } from '@schakel/identity';
import { LearningPathResponse } from '../dto/learning-path.dto';
import { LearningPathService } from '../learning-path.service';

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('api/learning-paths')
export class LearningPathController {
  constructor(private readonly paths: LearningPathService) {}

  @Get(':chainRole')
  @Public()
  @ApiOkResponse({ type: LearningPathResponse, description: "with a bearer token each course carries the caller's status" })
  get(@CurrentUser() user: AuthUser | undefined, @Param('chainRole') chainRole: string): Promise<LearningPathResponse> {
    return this.paths.forRole(user, chainRole);
  }
}
