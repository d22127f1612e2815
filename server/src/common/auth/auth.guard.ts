import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, type Role } from '@lensloop/shared';
import { DomainError } from '../domain-error';
import type { Principal, TokenClaims } from './principal';
import { ROLES_KEY } from './roles.decorator';

/** Verifies the bearer token on routes marked with `@Roles` and checks the caller's role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const principal = await this.verify(request.headers.authorization);
    if (!roles.includes(principal.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Your role may not use this resource.');
    }
    request.principal = principal;
    return true;
  }

  private async verify(header: string | undefined): Promise<Principal> {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Log in first: a bearer token is required.');
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token);
      return { id: claims.sub, role: claims.role, storeId: claims.storeId ?? null };
    } catch {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The token is invalid or has expired; log in again.');
    }
  }
}
