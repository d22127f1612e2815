import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ErrorCode, type Role } from '@lensloop/shared';
import { ApiErrors } from '../openapi/api-errors.decorator';
import type { Principal } from './principal';

export const ROLES_KEY = 'lensloop:roles';

/**
 * Restricts a route to callers holding one of these roles; routes without it are public. The
 * OpenAPI document shows the bearer token and the 401/403 answers.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN),
  );

/**
 * Marks a route without `@Roles` as public on purpose: the document says `security: []`. A route
 * with neither has no security in the document, which the OpenAPI lint test refuses.
 */
export const Public = () => ApiSecurity({});

/** The authenticated caller; only on routes guarded by `@Roles`. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
