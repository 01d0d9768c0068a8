import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Role } from '@app/identity/roles';
import { Authentication, type Caller } from '@app/identity';
import { AppError, requestContext, say } from '@app/platform';
import { ALLOWED_ROLES, IS_PUBLIC, type AuthenticatedRequest } from './decorators.js';
import { SessionCookies } from './session-cookies.js';
import { bearerToken, TokenService } from './token.service.js';

/**
 * The global guard: every route needs a valid bearer token unless marked @Public(). The user is
 * loaded on every request, so a deactivation or a role change takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly authentication: Authentication,
    private readonly sessions: SessionCookies,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    try {
      request.caller = await this.identify(request, http.getResponse<Response>());
    } catch (error) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw error;
    }
    const store = requestContext.current();
    if (store) store.actorId = request.caller.actor.userId;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !allowed.includes(request.caller.actor.role)) {
      throw new AppError(
        'FORBIDDEN',
        say('auth.roleMayNot', {
          role: say(`role.${request.caller.actor.role}`),
          allowed: allowed.map((role) => say(`role.${role}`)),
        }),
      );
    }
    return true;
  }

  /** A bearer token (programs) or else the console's session cookie (browsers; see SessionCookies). */
  private async identify(request: Request, response: Response): Promise<Caller> {
    const token = bearerToken(request.header('authorization'));
    const subject = token ? await this.tokens.subjectOf(token) : await this.sessions.subjectOf(request, response);
    if (!subject) throw new AppError('UNAUTHENTICATED', say('auth.signIn'));
    const caller = await this.authentication.findCaller(subject);
    if (!caller) throw new AppError('UNAUTHENTICATED', say('auth.tokenWithoutUser'));
    return caller;
  }
}
