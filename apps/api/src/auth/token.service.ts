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

/** Who a token or session names, and the credentials version it was issued under. */
export interface TokenSubject {
  userId: string;
  credentialsVersion: number;
}

/**
 * The token names its subject and the subject's credentials version: role and scope are read from
 * the database on every request, and a token of an older version is refused (AuthGuard).
 */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  private readonly ttlSeconds: number;
  /**
   * Tokens verified lately, until they expire: a token's signature does not change, and checking
   * it again (base64, HMAC, JSON) was about 4% of a command's CPU. Revocation does not rest on it:
   * the guard compares the credentials version with the user's row on every request.
   */
  private readonly verified = new Map<string, { subject: TokenSubject; expiresAt: number }>();

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

  async issue({ userId, credentialsVersion }: TokenSubject): Promise<AccessToken> {
    const accessToken = await this.jwt.signAsync({ sub: userId, cv: credentialsVersion });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds };
  }

  /** The subject of a valid token; anything else (one without `exp` or a credentials version too) is 401. */
  async subjectOf(token: string): Promise<TokenSubject> {
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAt) return known.subject;
    let payload: { sub?: unknown; exp?: unknown; cv?: unknown };
    try {
      payload = await this.jwt.verifyAsync<typeof payload>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new AppError('UNAUTHENTICATED', say('auth.tokenExpired'));
      }
      throw new AppError('UNAUTHENTICATED', say('auth.tokenInvalid'));
    }
    // jsonwebtoken accepts a token without `exp` forever: ours always carry one.
    const { sub, exp, cv } = payload;
    if (typeof sub !== 'string' || typeof exp !== 'number' || !isVersion(cv)) {
      throw new AppError('UNAUTHENTICATED', say('auth.tokenInvalid'));
    }
    const subject = { userId: sub, credentialsVersion: cv };
    this.verified.delete(token);
    this.verified.set(token, { subject, expiresAt: exp * 1000 });
    if (this.verified.size > VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    return subject;
  }
}

/** How many verified tokens a process remembers (the oldest verified is forgotten first). */
const VERIFIED_TOKENS = 1_000;

/** The token of an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export function isVersion(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}
