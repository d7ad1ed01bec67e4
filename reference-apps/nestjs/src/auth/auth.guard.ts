import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { JwtClaims } from './jwt-claims';

/** The request as the guard leaves it for the handler. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  user: JwtClaims;
}

/**
 * Bearer-token guard of the NestJS docs' authentication recipe. Only HS256 is accepted,
 * so an unsigned (`alg: none`) or otherwise-signed token fails like a bad signature or an
 * expired one: 401.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      throw new UnauthorizedException('Authentication credentials were not provided.');
    }
    try {
      request.user = await this.jwt.verifyAsync<JwtClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('The token is invalid or expired.');
    }
    return true;
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') {
    return undefined;
  }
  const [scheme, token, ...rest] = header.split(' ');
  return scheme.toLowerCase() === 'bearer' && token && rest.length === 0 ? token : undefined;
}
