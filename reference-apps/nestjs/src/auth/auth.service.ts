import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcrypt';
import { Repository } from 'typeorm';
import { JwtClaims } from './jwt-claims';
import { User } from './user.entity';

/**
 * Compared against when the username is unknown, so that a wrong username costs the same
 * bcrypt work (cost 10) as a wrong password: timing does not reveal which users exist.
 * The hash of a random string nobody kept.
 */
const UNKNOWN_USER_HASH = '$2b$10$.BUhDvFcueuRZE6KtauoMevFIS6h02lJgAUXRvsjjyBTT1T0oN3xa';

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
}
