import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository, SelectQueryBuilder } from 'typeorm';
import { ValidationException } from '../common/validation/validation.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ArticleCache } from './article-cache';
import { Article } from './article.entity';
import {
  ARTICLE_BY_ID_SQL,
  ARTICLE_COUNT_SQL,
  ArticleRow,
  articlePageSql,
  rowToArticleView,
  toArticlePage,
} from './article-sql';
import { ArticlePage, ArticleView, toArticleView } from './article.view';
import { ArticleInputDto } from './dto/article-input.dto';
import { PaginationQueryDto } from './dto/pagination-query.dto';

/** SQLSTATE of a foreign key violation: `author_id` names no author. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * The article resource. Reads go through the ArticleCache (a pass-through unless CACHE=redis)
 * and, on a miss, to the database through TypeORM's query builder or, with DB_ACCESS=raw,
 * through DataSource.query with the builder's own SQL (article-sql.ts). Every write
 * invalidates the cache after it committed and before it answers (contract §5a).
 */
@Injectable()
export class ArticlesService {
  private readonly raw: boolean;

  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly cache: ArticleCache,
  ) {
    this.raw = config.dbAccess === 'raw';
  }

  findPage(page: PaginationQueryDto): Promise<ArticlePage> {
    return this.cache.read(`articles:${page.limit}:${page.offset}`, () =>
      this.raw ? this.loadPageRaw(page) : this.loadPage(page),
    );
  }

  /** A missing article is a 404 thrown by the load: never cached. */
  findOne(id: number): Promise<ArticleView> {
    return this.cache.read(`article:${id}`, () => this.loadOne(id));
  }

  /**
   * One page in two queries whatever its size: the articles joined with their authors,
   * and the total count (no N+1).
   */
  private async loadPage({ limit, offset }: PaginationQueryDto): Promise<ArticlePage> {
    const [articles, count] = await Promise.all([
      this.withAuthor()
        .orderBy('article.id', 'ASC')
        .offset(offset)
        .limit(limit)
        .getMany(),
      this.articles.count(),
    ]);
    return { count, results: articles.map(toArticleView) };
  }

  /** The same two statements, concurrently as above. */
  private async loadPageRaw({ limit, offset }: PaginationQueryDto): Promise<ArticlePage> {
    const [rows, countRows] = await Promise.all([
      this.dataSource.query<ArticleRow[]>(articlePageSql(limit, offset)),
      this.dataSource.query<Array<{ cnt: string }>>(ARTICLE_COUNT_SQL),
    ]);
    return toArticlePage(rows, countRows);
  }

  /** From the database: a cache miss, or a write's answer (what it stored, never what a cache holds). */
  private async loadOne(id: number): Promise<ArticleView> {
    if (this.raw) {
      const rows = await this.dataSource.query<ArticleRow[]>(ARTICLE_BY_ID_SQL, [id]);
      if (rows.length === 0) {
        throw new NotFoundException('Article not found.');
      }
      return rowToArticleView(rows[0]);
    }
    const article = await this.withAuthor().where('article.id = :id', { id }).getOne();
    if (!article) {
      throw new NotFoundException('Article not found.');
    }
    return toArticleView(article);
  }

  async create(input: ArticleInputDto): Promise<ArticleView> {
    const result = await this.write(() =>
      this.articles.insert({ title: input.title, body: input.body, authorId: input.author_id }),
    );
    await this.cache.invalidate(); // the count of every page changed
    return this.loadOne(result.identifiers[0].id as number);
  }

  async replace(id: number, input: ArticleInputDto): Promise<ArticleView> {
    const result = await this.write(() =>
      this.articles.update(id, { title: input.title, body: input.body, authorId: input.author_id }),
    );
    if (result.affected === 0) {
      throw new NotFoundException('Article not found.');
    }
    await this.cache.invalidate();
    return this.loadOne(id);
  }

  async remove(id: number): Promise<void> {
    const result = await this.articles.delete(id);
    if (result.affected === 0) {
      throw new NotFoundException('Article not found.');
    }
    await this.cache.invalidate();
  }

  /**
   * Articles joined with their author in the same SELECT. Pages use `offset`/`limit`,
   * not `skip`/`take` (nor `findOne`, which takes 1): with a join, those make TypeORM add
   * a DISTINCT query first, which a many-to-one join, never multiplying rows, does not need.
   */
  private withAuthor(): SelectQueryBuilder<Article> {
    return this.articles.createQueryBuilder('article').innerJoinAndSelect('article.author', 'author');
  }

  /** Runs a write, turning "no such author" from the database into a 400 on `author_id`. */
  private async write<T>(statement: () => Promise<T>): Promise<T> {
    try {
      return await statement();
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
        throw new ValidationException({ author_id: ['No author has this id.'] });
      }
      throw error;
    }
  }
}
