import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, UuidParam, type Page } from '@schakel/common';
import { Authenticated, CurrentUser, IdentityService, PlatformAdminOnly, toUserResponse, type AuthUser } from '@schakel/identity';
import { AddMemberDto, CreateOrganisationDto, MemberQueryDto, UpdateMemberDto } from './dto/organisation.dto';
import { MeResponse, MemberResponse, OrganisationResponse, toMemberResponse, toOrganisationResponse } from './dto/organisation.response';
import { OrganisationService } from './organisation.service';
import { OrganisationError } from './organisation.exception';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

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
}

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
    return {
      ...toUserResponse(user),
      memberships: memberships.map(({ organisationId, roles, chainRoles }) => ({ organisationId, roles, chainRoles })),
    };
  }
}
