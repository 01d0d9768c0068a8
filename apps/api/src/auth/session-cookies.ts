import { createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { CookieOptions, Request, Response } from 'express';
import { AppConfig } from '@app/config';
import { AppError, say } from '@app/platform';

export const SESSION_COOKIE = 'pta_session';
/** Readable by the page, which echoes it in X-CSRF-Token (double submit, bound to the session). */
export const CSRF_COOKIE = 'pta_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A session is renewed at most this often, so a burst of requests does not mint a cookie each. */
const RENEW_AFTER_SECONDS = 60;

interface SessionClaims {
  sub: string;
  typ: 'session';
  csrf: string;
  /** When the person signed in (seconds): renewals keep it, so a session ends TOKEN_TTL_SECONDS after it. */
  auth: number;
  iat: number;
}

/**
 * The console's sign-in: an httpOnly, SameSite=Lax cookie holding a signed token of the same kind
 * as the bearer token (subject only; role and scope are loaded per request), which expires after
 * SESSION_IDLE_SECONDS without a request and is re-issued as requests come, but never beyond
 * TOKEN_TTL_SECONDS after signing in. Writes must carry the session's CSRF token in X-CSRF-Token
 * and come from our own origin. Signing out clears the cookies; the token itself is not revoked
 * (it lapses after the idle time).
 */
@Injectable()
export class SessionCookies {
  private readonly jwt: JwtService;
  private readonly idleSeconds: number;
  private readonly maxSeconds: number;
  private readonly secure: boolean;

  constructor(config: AppConfig) {
    this.idleSeconds = config.auth.sessionIdleSeconds;
    this.maxSeconds = config.auth.tokenTtlSeconds;
    this.secure = config.env === 'production';
    this.jwt = new JwtService({
      secret: createSecretKey(Buffer.from(config.auth.tokenSecret, 'utf8')),
      signOptions: { algorithm: 'HS256' },
      verifyOptions: { algorithms: ['HS256'] },
    });
  }

  /** Starts a session: both cookies set; answers the CSRF token the page must echo. */
  async start(response: Response, userId: string): Promise<{ csrfToken: string; idleSeconds: number }> {
    const csrf = randomBytes(24).toString('base64url');
    await this.write(response, { sub: userId, csrf, auth: nowSeconds() });
    return { csrfToken: csrf, idleSeconds: this.idleSeconds };
  }

  end(response: Response): void {
    response.clearCookie(SESSION_COOKIE, this.options(true));
    response.clearCookie(CSRF_COOKIE, this.options(false));
  }

  /**
   * The user id of the request's session, or null when it sends no session cookie. A bad or idle
   * session is 401; a write without the CSRF token or from another origin is 403.
   */
  async subjectOf(request: Request, response: Response): Promise<string | null> {
    const token = cookieOf(request, SESSION_COOKIE);
    if (token === null) return null;
    const claims = await this.verify(token);
    if (!SAFE_METHODS.has(request.method)) checkWrite(request, claims.csrf);
    if (nowSeconds() - claims.iat >= RENEW_AFTER_SECONDS) await this.write(response, claims);
    return claims.sub;
  }

  private async verify(token: string): Promise<SessionClaims> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<SessionClaims>>(token);
      const fresh = typeof claims.auth === 'number' && nowSeconds() - claims.auth < this.maxSeconds;
      if (fresh && claims.typ === 'session' && typeof claims.sub === 'string' && typeof claims.csrf === 'string') {
        return claims as SessionClaims;
      }
    } catch {
      // idle too long, too old or forged: the same answer
    }
    throw new AppError('UNAUTHENTICATED', say('auth.sessionEnded'));
  }

  private async write(response: Response, session: Pick<SessionClaims, 'sub' | 'csrf' | 'auth'>): Promise<void> {
    const { sub, csrf, auth } = session;
    const token = await this.jwt.signAsync({ sub, typ: 'session', csrf, auth }, { expiresIn: this.idleSeconds });
    response.cookie(SESSION_COOKIE, token, { ...this.options(true), maxAge: this.idleSeconds * 1000 });
    response.cookie(CSRF_COOKIE, csrf, { ...this.options(false), maxAge: this.idleSeconds * 1000 });
  }

  private options(httpOnly: boolean): CookieOptions {
    return { httpOnly, sameSite: 'lax', secure: this.secure, path: '/' };
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A write signed in by cookie: the CSRF token of the session, and an Origin that is our own. */
function checkWrite(request: Request, csrf: string): void {
  const sent = request.header('x-csrf-token') ?? '';
  if (sent.length !== csrf.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(csrf))) {
    throw new AppError('FORBIDDEN', say('auth.csrf'), [
      { path: 'X-CSRF-Token', code: 'CSRF_TOKEN_INVALID', message: say('field.CSRF_TOKEN_INVALID') },
    ]);
  }
  const origin = request.header('origin');
  if (origin === undefined || !sameOrigin(origin, request.header('host'))) {
    throw new AppError('FORBIDDEN', say('auth.crossOrigin'), [
      { path: 'Origin', code: 'CROSS_ORIGIN', message: say('field.CROSS_ORIGIN') },
    ]);
  }
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** One cookie of the Cookie header, or null. */
export function cookieOf(request: Request, name: string): string | null {
  for (const part of (request.header('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
