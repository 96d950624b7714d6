import { Body, Controller, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@schakel/common';
import { CurrentUser, PlatformAdminOnly, type AuthUser } from '../access.decorator';
import { PlatformRolesDto, PlatformRolesResponse } from '../dto/platform-roles.dto';
import { IdentityService } from '../identity.service';

/** Platform-wide roles: only a platform admin grants them (an organisation admin cannot give herself platform powers). */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/users')
export class PlatformRolesController {
  constructor(private readonly identity: IdentityService) {}

  @Put(':userId/platform-roles')
  @PlatformAdminOnly()
  @ApiOkResponse({ type: PlatformRolesResponse })
  async set(@CurrentUser() actor: AuthUser, @UuidParam('userId') userId: string, @Body() dto: PlatformRolesDto): Promise<PlatformRolesResponse> {
    await this.identity.setPlatformRoles(actor, userId, dto.roles);
    return { userId, roles: dto.roles };
  }
}
