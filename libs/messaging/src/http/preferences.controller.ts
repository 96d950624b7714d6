import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { PreferencesResponse, toPreferencesResponse, UpdatePreferencesDto } from '../dto/preferences.dto';
import { MessagingError } from '../messaging.exception';
import { PreferenceRepository } from '../preference.repository';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api/me/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferenceRepository) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: PreferencesResponse })
  async get(@CurrentUser() user: AuthUser): Promise<PreferencesResponse> {
    return toPreferencesResponse(await this.preferences.get(user.id));
  }

  @Patch()
  @Authenticated()
  @ApiOkResponse({ type: PreferencesResponse })
  async update(@CurrentUser() user: AuthUser, @Body() dto: UpdatePreferencesDto): Promise<PreferencesResponse> {
    if (dto.nudges !== undefined && !(await this.preferences.set(user.id, { nudges: dto.nudges }))) throw MessagingError.userNotFound();
    return toPreferencesResponse(await this.preferences.get(user.id));
  }
}
