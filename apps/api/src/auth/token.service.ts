import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AppConfig } from '@app/config';
import { AppError, say } from '@app/platform';

export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until it expires. */
  expiresIn: number;
}

/** The token only names its subject: role and scope are read from the database on every request. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  private readonly ttlSeconds: number;

  constructor(config: AppConfig) {
    this.ttlSeconds = config.auth.tokenTtlSeconds;
    this.jwt = new JwtService({
      // A key object, made once: given the string, jsonwebtoken first tries it as a public key
      // (and fails) on every verify, a few percent of the API's CPU under load.
      secret: createSecretKey(Buffer.from(config.auth.tokenSecret, 'utf8')),
      signOptions: { algorithm: 'HS256', expiresIn: this.ttlSeconds },
      // Pinned, so a token cannot choose its own algorithm (`none`, or RS/HS confusion).
      verifyOptions: { algorithms: ['HS256'] },
    });
  }

  async issue(userId: string): Promise<AccessToken> {
    const accessToken = await this.jwt.signAsync({ sub: userId });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds };
  }

  /** The subject of a valid token; anything else is 401. */
  async subjectOf(token: string): Promise<string> {
    let payload: { sub?: unknown };
    try {
      payload = await this.jwt.verifyAsync<{ sub?: unknown }>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new AppError('UNAUTHENTICATED', say('auth.tokenExpired'));
      }
      throw new AppError('UNAUTHENTICATED', say('auth.tokenInvalid'));
    }
    if (typeof payload.sub !== 'string') throw new AppError('UNAUTHENTICATED', say('auth.tokenInvalid'));
    return payload.sub;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
