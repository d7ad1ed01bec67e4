import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard, AuthenticatedRequest } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';

/** Contract §6: token issue and the current user. */
@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/token')
  @HttpCode(HttpStatus.OK)
  token(@Body() login: LoginDto): Promise<{ access: string }> {
    return this.auth.issueToken(login.username, login.password);
  }

  /** Answered from the verified token's claims, as in the NestJS docs (no database read). */
  @Get('me')
  @UseGuards(AuthGuard)
  me(@Req() request: AuthenticatedRequest): { id: number; username: string } {
    return { id: request.user.sub, username: request.user.username };
  }
}
