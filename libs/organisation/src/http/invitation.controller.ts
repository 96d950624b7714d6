import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { InvitationResendService } from '../invitations/invitation-resend.service';

export class InvitationResentResponse {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ['member-invited', 'membership-requested'], description: 'the mail sent again: choose a password, or accept the membership' })
  mail: 'member-invited' | 'membership-requested';
  @ApiProperty({ description: 'how many times this invitation has been sent again, this one included' }) resend: number;
  @ApiProperty({ enum: ['queued'] }) state: 'queued';
}

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations')
export class InvitationController {
  constructor(private readonly invitations: InvitationResendService) {}

  /** The worker sends the mail; 409 when she has answered already, 429 within ten minutes of the last mail. */
  @Post(':orgId/members/:userId/resend-invitation')
  @Authenticated()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: InvitationResentResponse })
  async resend(@CurrentUser() user: AuthUser, @UuidParam('orgId') orgId: string, @UuidParam('userId') userId: string): Promise<InvitationResentResponse> {
    const resent = await this.invitations.resend(user, orgId, userId);
    return { organisationId: resent.organisationId, userId: resent.userId, mail: resent.mail, resend: resent.resend, state: 'queued' };
  }
}
