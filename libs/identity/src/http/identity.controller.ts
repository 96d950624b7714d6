import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RateLimit } from '@schakel/common';
import { Public } from '../access.decorator';
import { AccessTokenResponse, ForgotPasswordDto, LoginDto, RegisterDto, ResetPasswordDto } from '../dto/auth.dto';
import { toUserResponse, UserResponse } from '../dto/user.dto';
import { IdentityService } from '../identity.service';
import type { AccessToken } from '../token.service';

@ApiTags('identity')
@Controller('api/auth')
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Post('register')
  @Public()
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

  @Post('forgot-password')
  @HttpCode(202)
  @Public()
  @RateLimit('login')
  @ApiAcceptedResponse({ description: 'The same answer whether or not the address has an account' })
  async forgotPassword(@Body() dto: ForgotPasswordDto): Promise<void> {
    await this.identity.requestPasswordReset(dto.email);
  }

  @Post('reset-password')
  @HttpCode(204)
  @Public()
  @RateLimit('login')
  @ApiNoContentResponse({ description: 'The password is set; every outstanding token of the person ends' })
  async resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.identity.resetPassword(dto.token, dto.password);
  }
}
