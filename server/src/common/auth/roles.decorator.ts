import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@lensloop/shared';
import type { Principal } from './principal';

export const ROLES_KEY = 'lensloop:roles';

/** Restricts a route to callers holding one of these roles; routes without it are public. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller; only on routes guarded by `@Roles`. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
