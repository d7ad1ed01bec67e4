import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthenticatedUser, AuthService } from './auth.service';

/** The request as the guard leaves it for the handler. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  user: AuthenticatedUser;
}

/**
 * Bearer-token guard of the NestJS docs' authentication recipe: the token is checked, and
 * its user loaded, by {@link AuthService.authenticate}; anything wrong is a 401.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      throw new UnauthorizedException('Authentication credentials were not provided.');
    }
    request.user = await this.auth.authenticate(token);
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
