import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RateLimit } from '@schakel/common';
import { Public } from '../access.decorator';
import { AccessTokenResponse, LoginDto, RegisterDto } from '../dto/auth.dto';
import { toUserResponse, UserResponse } from '../dto/user.dto';
import { IdentityService } from '../identity.service';
import type { AccessToken } from '../token.service';

@ApiTags('identity')
@Controller('api/auth')
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Post('register')
  @Public()
  @RateLimit('register')
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this address; see Retry-After' })
  @ApiCreatedResponse({ type: UserResponse })
  async register(@Body() dto: RegisterDto): Promise<UserResponse> {
    return toUserResponse(await this.identity.register(dto));
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @RateLimit('login')
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  login(@Body() dto: LoginDto): Promise<AccessToken> {
    return this.identity.login(dto.email, dto.password);
  }
}
