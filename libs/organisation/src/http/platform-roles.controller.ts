import { Body, Controller, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@schakel/common';
import { CurrentUser, PlatformAdminOnly, PlatformRolesDto, PlatformRolesResponse, type AuthUser } from '@schakel/identity';
import { PlatformRolesService } from '../platform-roles.service';

/**
 * Platform-wide roles: only a platform admin grants them (an organisation admin cannot give
 * herself platform powers). Here, beside organisation roles, because the grant is audited.
 */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/users')
export class PlatformRolesController {
  constructor(private readonly platformRoles: PlatformRolesService) {}

  @Put(':userId/platform-roles')
  @PlatformAdminOnly()
  @ApiOkResponse({ type: PlatformRolesResponse })
  async set(@CurrentUser() actor: AuthUser, @UuidParam('userId') userId: string, @Body() dto: PlatformRolesDto): Promise<PlatformRolesResponse> {
    const roles = await this.platformRoles.set(actor, userId, dto.roles);
    return { userId, roles };
  }
}
