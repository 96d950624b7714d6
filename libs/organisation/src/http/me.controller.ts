import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, IdentityService, type AuthUser } from '@schakel/identity';
import { MeResponse, toMeResponse } from '../dto/member.dto';
import { OrganisationError } from '../organisation.exception';
import { OrganisationService } from '../organisation.service';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(
    private readonly identity: IdentityService,
    private readonly organisations: OrganisationService,
  ) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentUser() current: AuthUser): Promise<MeResponse> {
    const [user, memberships] = await Promise.all([
      this.identity.getById(current.id),
      this.organisations.membershipsOf(current.id),
    ]);
    if (!user) throw OrganisationError.memberNotFound();
    return toMeResponse(user, memberships);
  }
}
