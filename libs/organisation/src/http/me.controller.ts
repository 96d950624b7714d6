import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, IdentityService, type AuthUser } from '@schakel/identity';
import { MeResponse, toMeResponse } from '../dto/member.dto';
import { MembershipConsentService } from '../membership-consent.service';
import { OrganisationError } from '../organisation.exception';
import { OrganisationService } from '../organisation.service';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(
    private readonly identity: IdentityService,
    private readonly organisations: OrganisationService,
    private readonly consent: MembershipConsentService,
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

  @Post('memberships/:orgId/accept')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The pending membership is active' })
  async accept(@CurrentUser() current: AuthUser, @UuidParam('orgId') orgId: string): Promise<void> {
    await this.consent.acceptSignedIn(current.id, orgId);
  }

  @Post('memberships/:orgId/decline')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The pending membership is gone' })
  async decline(@CurrentUser() current: AuthUser, @UuidParam('orgId') orgId: string): Promise<void> {
    await this.consent.decline(current.id, orgId);
  }
}
