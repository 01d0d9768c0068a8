import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, Role } from '@app/identity/roles';
import type { Caller } from '@app/identity';
import { AppError } from '@app/platform';

export const IS_PUBLIC = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';

/** The route needs no token (health, metrics, sign-in). Everything else requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (403 otherwise); on a method it replaces the controller's list. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** A request the guard has let through carries its caller. */
export interface AuthenticatedRequest extends Request {
  caller?: Caller;
}

function callerOf(context: ExecutionContext): Caller {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  // Only reachable on a @Public() route: such a route has no caller to ask for.
  if (!caller) throw new AppError('UNAUTHENTICATED');
  return caller;
}

/** The Actor (`userId`, `role`, `unitId`, `departmentId`) behind the request, as loaded from the database. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return callerOf(context).actor;
});

/** The Actor plus the username and display name, for responses and logs. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return callerOf(context);
});
