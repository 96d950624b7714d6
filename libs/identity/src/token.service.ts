import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@schakel/config';
import { IdentityError } from './identity.exception';

export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

interface AccessClaims {
  sub: string;
  typ: 'access';
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  issue(userId: string): AccessToken {
    const expiresIn = this.config.jwt.expiresInSeconds;
    const claims: AccessClaims = { sub: userId, typ: 'access' };
    const accessToken = this.jwt.sign(claims, { expiresIn, algorithm: 'HS256' });
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  /** The user id the token was issued to; throws 401 for anything tampered, expired or foreign. */
  verify(token: string): string {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, { algorithms: ['HS256'] });
      if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw IdentityError.badToken();
      return claims.sub;
    } catch {
      throw IdentityError.badToken();
    }
  }
}
