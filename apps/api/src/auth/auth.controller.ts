import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Authentication, credentialsSchema, Users, type Caller, type Credentials, type UserView } from '@app/identity';
import { openApiBody, validated } from '../http/validation.js';
import { CurrentCaller, Public } from './decorators.js';
import { TokenService, type AccessToken } from './token.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly authentication: Authentication,
    private readonly tokens: TokenService,
    private readonly users: Users,
  ) {}

  /** Exchanges a username and password for a bearer token. */
  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiBody(openApiBody(credentialsSchema))
  @ApiOkResponse({ schema: { example: { accessToken: 'eyJhbGciOi…', tokenType: 'Bearer', expiresIn: 28800 } } })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or a deactivated account' })
  async token(@Body(validated(credentialsSchema)) credentials: Credentials): Promise<AccessToken> {
    const caller = await this.authentication.authenticate(credentials);
    return this.tokens.issue(caller.actor.userId);
  }

  /** The caller, as the service sees them now. */
  @Get('me')
  @ApiBearerAuth()
  me(@CurrentCaller() caller: Caller): Promise<UserView> {
    return this.users.get(caller.actor.userId);
  }
}
