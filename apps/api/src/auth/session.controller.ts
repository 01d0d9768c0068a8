import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Authentication, credentialsSchema, Users, type Credentials } from '@app/identity';
import { openApiBody, validated } from '../http/validation.js';
import { Answers, PublicFails } from '../openapi/decorators.js';
import { userViewSchema } from '../users/users.responses.js';
import { Public } from './decorators.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionCookies } from './session-cookies.js';

export const sessionSchema = z.object({
  user: userViewSchema,
  csrfToken: z.string().meta({ description: 'Send it as X-CSRF-Token on every write (also in the pta_csrf cookie)' }),
  idleSeconds: z.number().int().meta({ description: 'The session ends after this long without a request' }),
});
type Session = z.infer<typeof sessionSchema>;

/** The console's sign-in by cookie; programs use POST /auth/token. Same origin, so no CORS. */
@ApiTags('auth')
@Controller('auth')
export class SessionController {
  constructor(
    private readonly authentication: Authentication,
    private readonly users: Users,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionCookies,
  ) {}

  @Public()
  @Post('session')
  @HttpCode(200)
  @ApiOperation({
    summary: '登录（浏览器）· Sign in with a session cookie',
    description: 'Sets the httpOnly pta_session cookie and the pta_csrf cookie; the same sign-in limit as /auth/token.',
  })
  @ApiBody(openApiBody(credentialsSchema))
  @Answers(200, sessionSchema, 'Signed in')
  @PublicFails(400, 401, 429, 503)
  async signIn(
    @Body(validated(credentialsSchema)) credentials: Credentials,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Session> {
    const attempt = await this.throttle.begin(credentials.username, request.ip);
    const caller = await this.authentication.authenticate(credentials);
    await attempt.succeeded();
    const session = await this.sessions.start(response, {
      userId: caller.actor.userId,
      credentialsVersion: caller.credentialsVersion,
    });
    const user = await this.users.get(caller.actor.userId);
    return {
      user: { ...user, createdAt: user.createdAt.toISOString(), updatedAt: user.updatedAt.toISOString() },
      ...session,
    };
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: '退出登录 · Sign out: clears the session cookies (harmless without a session)' })
  @ApiResponse({ status: 204, description: 'Signed out' })
  logout(@Res({ passthrough: true }) response: Response): void {
    this.sessions.end(response);
  }
}
