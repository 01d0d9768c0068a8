import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IdentityModule } from '@app/identity';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionCookies } from './session-cookies.js';
import { SessionController } from './session.controller.js';
import { TokenService } from './token.service.js';

/** Sign-in, and the guard every route passes through. */
@Module({
  imports: [IdentityModule],
  controllers: [AuthController, SessionController],
  providers: [TokenService, SessionCookies, LoginThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
