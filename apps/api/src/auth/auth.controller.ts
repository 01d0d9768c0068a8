import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Request } from 'express';
import { Authentication, credentialsSchema, Users, type Caller, type Credentials, type UserView } from '@app/identity';
import { openApiBody, validated } from '../http/validation.js';
import { Answers, Fails, PublicFails } from '../openapi/decorators.js';
import { describes } from '../openapi/same-shape.js';
import { userViewSchema } from '../users/users.responses.js';
import { CurrentCaller, Public } from './decorators.js';
import { LoginThrottle } from './login-throttle.js';
import { TokenService, type AccessToken } from './token.service.js';

const accessTokenSchema = describes<AccessToken>()(
  z.object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().meta({ description: 'Seconds until it expires' }),
  }),
);

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly authentication: Authentication,
    private readonly tokens: TokenService,
    private readonly users: Users,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Exchanges a username and password for a bearer token. */
  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiBody(openApiBody(credentialsSchema))
  @ApiOperation({
    summary: '获取令牌 · Exchange a username and password for a bearer token',
    description: 'For programs. 401 for a wrong password or a deactivated account; 429 with Retry-After at the limit.',
  })
  @Answers(200, accessTokenSchema, 'The token')
  @PublicFails(400, 401, 429, 503)
  async token(
    @Body(validated(credentialsSchema)) credentials: Credentials,
    @Req() request: Request,
  ): Promise<AccessToken> {
    const attempt = await this.throttle.begin(credentials.username, request.ip);
    const caller = await this.authentication.authenticate(credentials); // a failure stays counted
    await attempt.succeeded();
    return this.tokens.issue({ userId: caller.actor.userId, credentialsVersion: caller.credentialsVersion });
  }

  /** The caller, as the service sees them now. */
  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前用户 · The caller, as the service sees them now' })
  @Answers(200, userViewSchema, 'The caller')
  @Fails()
  me(@CurrentCaller() caller: Caller): Promise<UserView> {
    return this.users.get(caller.actor.userId);
  }
}
