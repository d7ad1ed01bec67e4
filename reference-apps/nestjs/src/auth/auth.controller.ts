import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard, AuthenticatedRequest } from './auth.guard';
import { AuthenticatedUser, AuthService } from './auth.service';
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

  /** The user the guard loaded for the token (one primary-key read, see AuthService.authenticate). */
  @Get('me')
  @UseGuards(AuthGuard)
  me(@Req() request: AuthenticatedRequest): AuthenticatedUser {
    return { id: request.user.id, username: request.user.username };
  }
}
