import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcrypt';
import { Repository } from 'typeorm';
import { hasRequiredClaims, JwtClaims } from './jwt-claims';
import { User } from './user.entity';

/**
 * Compared against when the username is unknown, so that a wrong username costs the same
 * bcrypt work (cost 10) as a wrong password: timing does not reveal which users exist.
 * The hash of a random string nobody kept.
 */
const UNKNOWN_USER_HASH = '$2b$10$.BUhDvFcueuRZE6KtauoMevFIS6h02lJgAUXRvsjjyBTT1T0oN3xa';

const INVALID_TOKEN = 'The token is invalid or expired.';

/** The user an authenticated request acts as, as the database has it now. */
export interface AuthenticatedUser {
  id: number;
  username: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
  ) {}

  /** POST /api/auth/token: a signed HS256 token for valid credentials, else 401. */
  async issueToken(username: string, password: string): Promise<{ access: string }> {
    const user = await this.users.findOneBy({ username });
    const matches = await bcrypt.compare(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches) {
      throw new UnauthorizedException('Invalid username or password.');
    }
    const claims: JwtClaims = { sub: user.id, username: user.username };
    return { access: await this.jwt.signAsync(claims) };
  }

  /**
   * The user of a bearer token, or 401: the signature (HS256 only, so `alg: none` and other
   * algorithms fail like a bad signature), the required claims, and the user's row. The row
   * is read on every authenticated request, the "database lookup in validate()" the NestJS
   * docs' JWT recipe leaves as an option: without it a token outlives its user, and a token
   * signed for an id that was never a user's passes. One primary-key SELECT per request,
   * the same work Django REST framework's JWT authentication does (CONTRACT.md §6).
   */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException(INVALID_TOKEN);
    }
    if (!hasRequiredClaims(claims)) {
      throw new UnauthorizedException(INVALID_TOKEN);
    }
    const user = await this.users.findOne({ select: { id: true, username: true }, where: { id: claims.sub } });
    if (!user) {
      throw new UnauthorizedException('The token names no user.');
    }
    return { id: user.id, username: user.username };
  }
}
