import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, UuidParam, type Page } from '@schakel/common';
import { Authenticated, CurrentUser, PlatformAdminOnly, type AuthUser } from '@schakel/identity';
import { AddMemberDto, MemberQueryDto, MemberResponse, toMemberResponse, UpdateMemberDto } from '../dto/member.dto';
import { CreateOrganisationDto, OrganisationResponse, toOrganisationResponse } from '../dto/organisation.dto';
import { MembershipConsentService } from '../membership-consent.service';
import { OrganisationService } from '../organisation.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations')
export class OrganisationController {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly consent: MembershipConsentService,
  ) {}

  @Post()
  @PlatformAdminOnly()
  @ApiCreatedResponse({ type: OrganisationResponse })
  async create(@Body() dto: CreateOrganisationDto): Promise<OrganisationResponse> {
    return toOrganisationResponse(await this.organisations.create(dto));
  }

  @Get()
  @Authenticated()
  async list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<OrganisationResponse>> {
    const page = await this.organisations.list(user, query.limit, query.offset);
    return { items: page.items.map(toOrganisationResponse), total: page.total };
  }

  @Get(':orgId')
  @Authenticated()
  @ApiOkResponse({ type: OrganisationResponse })
  async get(@CurrentUser() user: AuthUser, @UuidParam('orgId') orgId: string): Promise<OrganisationResponse> {
    return toOrganisationResponse(await this.organisations.get(user, orgId));
  }

  @Post(':orgId/members')
  @Authenticated()
  @ApiCreatedResponse({ type: MemberResponse })
  async addMember(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @Body() dto: AddMemberDto,
  ): Promise<MemberResponse> {
    return toMemberResponse(await this.organisations.addMember(user, orgId, dto));
  }

  @Get(':orgId/members')
  @Authenticated()
  async listMembers(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @Query() query: MemberQueryDto,
  ): Promise<Page<MemberResponse>> {
    const page = await this.organisations.listMembers(user, orgId, query);
    return { items: page.items.map(toMemberResponse), total: page.total };
  }

  @Patch(':orgId/members/:userId')
  @Authenticated()
  @ApiOkResponse({ type: MemberResponse })
  async updateMember(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @UuidParam('userId') userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberResponse> {
    return toMemberResponse(await this.organisations.updateMember(user, orgId, userId, dto));
  }

  @Delete(':orgId/members/:userId')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; the person sees nothing of the organisation and her tokens end' })
  async removeMember(@CurrentUser() user: AuthUser, @UuidParam('orgId') orgId: string, @UuidParam('userId') userId: string): Promise<void> {
    await this.consent.remove(user, orgId, userId);
  }
}
