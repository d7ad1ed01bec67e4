import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { AuthGuard } from '../auth/auth.guard';
import { ArticleIdPipe } from './article-id.pipe';
import { ArticlePage, ArticleView } from './article.view';
import { ArticlesService } from './articles.service';
import { ArticleInputDto } from './dto/article-input.dto';
import { PaginationQueryDto } from './dto/pagination-query.dto';

/**
 * The REST resource of contract §5. Write routes are guarded: Nest runs guards before
 * pipes, so a request without a valid token is a 401 whatever its body or id.
 */
@Controller('api/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  list(@Query() page: PaginationQueryDto): Promise<ArticlePage> {
    return this.articles.findPage(page);
  }

  @Get(':id')
  get(@Param('id', ArticleIdPipe) id: number): Promise<ArticleView> {
    return this.articles.findOne(id);
  }

  @Post()
  @UseGuards(AuthGuard)
  create(@Body() input: ArticleInputDto): Promise<ArticleView> {
    return this.articles.create(input);
  }

  @Put(':id')
  @UseGuards(AuthGuard)
  replace(@Param('id', ArticleIdPipe) id: number, @Body() input: ArticleInputDto): Promise<ArticleView> {
    return this.articles.replace(id, input);
  }

  @Delete(':id')
  @UseGuards(AuthGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id', ArticleIdPipe) id: number): Promise<void> {
    return this.articles.remove(id);
  }
}
