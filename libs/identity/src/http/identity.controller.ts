import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RateLimit } from '@schakel/common';
import { Public } from '../access.decorator';
import { AccessTokenResponse, ForgotPasswordDto, LoginDto, RegisterDto, RegistrationResponse, ResetPasswordDto, VerifyEmailDto } from '../dto/auth.dto';
import { normaliseEmail } from '../user.repository';
import { IdentityService } from '../identity.service';
import type { AccessToken } from '../token.service';

@ApiTags('identity')
@Controller('api/auth')
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Post('register')
  @HttpCode(202)
  @Public()
  @RateLimit('register')
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this address; see Retry-After' })
  @ApiAcceptedResponse({ type: RegistrationResponse, description: 'The same for a new and an already registered address' })
  async register(@Body() dto: RegisterDto): Promise<RegistrationResponse> {
    await this.identity.register(dto);
    return { email: normaliseEmail(dto.email), message: 'Check your mailbox to confirm the address' };
  }

  @Post('verify-email')
  @HttpCode(204)
  @Public()
  @ApiNoContentResponse({ description: 'The address is proven' })
  async verifyEmail(@Body() dto: VerifyEmailDto): Promise<void> {
    await this.identity.verifyEmail(dto.token);
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
  @RateLimit('password-reset')
  @ApiTooManyRequestsResponse({ description: 'Too many reset requests from this address; see Retry-After' })
  @ApiAcceptedResponse({ description: 'The same answer whether or not the address has an account' })
  async forgotPassword(@Body() dto: ForgotPasswordDto): Promise<void> {
    await this.identity.requestPasswordReset(dto.email);
  }

  @Post('reset-password')
  @HttpCode(204)
  @Public()
  @RateLimit('password-reset')
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address; see Retry-After' })
  @ApiNoContentResponse({ description: 'The password is set; every outstanding token of the person ends' })
  async resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.identity.resetPassword(dto.token, dto.password);
  }
}
