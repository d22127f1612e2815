import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, type Role } from '@lensloop/shared';
import { DomainError } from '../domain-error';
import type { Principal, TokenClaims } from './principal';
import { ROLES_KEY } from './roles.decorator';

/** Tokens verified at most this many at a time are remembered (all are forgotten when it fills). */
const MAX_VERIFIED_TOKENS = 10_000;

/** Verifies the bearer token on routes marked with `@Roles` and checks the caller's role. */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Tokens already verified, until they expire: a desk or a shopper sends the same token with every
   * request, and verifying it (HMAC and two JSON parses) is a large share of a cheap request. Only a
   * token whose signature held gets in, and it is valid until its `exp` whoever asks.
   */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

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
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return known.principal;
    let claims: TokenClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & { exp?: number }>(token);
    } catch {
      this.verified.delete(token);
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The token is invalid or has expired; log in again.');
    }
    const principal: Principal = Object.freeze({
      id: claims.sub,
      role: claims.role,
      storeId: claims.storeId ?? null,
    });
    if (claims.exp !== undefined) {
      if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
      this.verified.set(token, { principal, expiresAtMs: claims.exp * 1000 });
    }
    return principal;
  }
}
