import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, type Locale } from '@schakel/common';

export class RegisterDto {
  @ApiProperty({ example: 'anna@example.nl' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString() @MinLength(10) @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Anna de Vries' })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'nl' })
  @IsOptional() @IsIn(LOCALES)
  locale?: Locale;
}

export class LoginDto {
  @ApiProperty({ example: 'anna@example.nl' })
  @IsString() @MinLength(3) @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString() @MinLength(1) @MaxLength(200)
  password: string;
}

export class AccessTokenResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'seconds' }) expiresIn: number;
}

export class ForgotPasswordDto {
  @ApiProperty({ example: 'anna@example.nl' })
  @IsString() @MinLength(3) @MaxLength(254)
  email: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'The token of the mailed reset link' })
  @IsString() @MinLength(1) @MaxLength(500)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString() @MinLength(10) @MaxLength(200)
  password: string;
}

/** The same for a new and an already registered address. */
export class RegistrationResponse {
  @ApiProperty() email: string;
  @ApiProperty({ example: 'Check your mailbox to confirm the address' }) message: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token of the mailed verification link' })
  @IsString() @MinLength(1) @MaxLength(1000)
  token: string;
}
