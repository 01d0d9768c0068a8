import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Authentication, credentialsSchema, Users, type Caller, type Credentials, type UserView } from '@app/identity';
import { openApiBody, validated } from '../http/validation.js';
import { CurrentCaller, Public } from './decorators.js';
import { LoginThrottle } from './login-throttle.js';
import { TokenService, type AccessToken } from './token.service.js';

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
  @ApiOkResponse({ schema: { example: { accessToken: 'eyJhbGciOi…', tokenType: 'Bearer', expiresIn: 28800 } } })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or a deactivated account' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this username or address (Retry-After)' })
  async token(
    @Body(validated(credentialsSchema)) credentials: Credentials,
    @Req() request: Request,
  ): Promise<AccessToken> {
    const attempt = await this.throttle.begin(credentials.username, request.ip);
    const caller = await this.authentication.authenticate(credentials); // a failure stays counted
    await attempt.succeeded();
    return this.tokens.issue(caller.actor.userId);
  }

  /** The caller, as the service sees them now. */
  @Get('me')
  @ApiBearerAuth()
  me(@CurrentCaller() caller: Caller): Promise<UserView> {
    return this.users.get(caller.actor.userId);
  }
}
