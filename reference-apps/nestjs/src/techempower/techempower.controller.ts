import { Controller, Get, Header, Query, Render } from '@nestjs/common';
import { Fortune } from './fortune.entity';
import { QueryCountPipe } from './query-count.pipe';
import { TechEmpowerService } from './techempower.service';
import { World } from './world.entity';

/** The TechEmpower test types (contract §4). */
@Controller()
export class TechEmpowerController {
  constructor(private readonly techEmpower: TechEmpowerService) {}

  @Get('json')
  json(): { message: string } {
    return { message: 'Hello, World!' };
  }

  @Get('plaintext')
  @Header('Content-Type', 'text/plain')
  plaintext(): string {
    return 'Hello, World!';
  }

  @Get('db')
  db(): Promise<World> {
    return this.techEmpower.randomWorld();
  }

  @Get('queries')
  queries(@Query('queries', QueryCountPipe) count: number): Promise<World[]> {
    return this.techEmpower.randomWorlds(count);
  }

  @Get('updates')
  updates(@Query('queries', QueryCountPipe) count: number): Promise<World[]> {
    return this.techEmpower.updateRandomWorlds(count);
  }

  @Get('cached-queries')
  cachedQueries(@Query('count', QueryCountPipe) count: number): Promise<World[]> {
    return this.techEmpower.cachedWorlds(count);
  }

  /** views/fortunes.hbs, through hbs (Express) or @fastify/view + Handlebars (Fastify). */
  @Get('fortunes')
  @Render('fortunes')
  async fortunes(): Promise<{ fortunes: Fortune[] }> {
    return { fortunes: await this.techEmpower.sortedFortunes() };
  }
}
