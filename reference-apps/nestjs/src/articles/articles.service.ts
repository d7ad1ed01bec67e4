import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository, SelectQueryBuilder } from 'typeorm';
import { ValidationException } from '../common/validation/validation.exception';
import { Article } from './article.entity';
import { ArticlePage, ArticleView, toArticleView } from './article.view';
import { ArticleInputDto } from './dto/article-input.dto';
import { PaginationQueryDto } from './dto/pagination-query.dto';

/** SQLSTATE of a foreign key violation: `author_id` names no author. */
const FOREIGN_KEY_VIOLATION = '23503';

@Injectable()
export class ArticlesService {
  constructor(@InjectRepository(Article) private readonly articles: Repository<Article>) {}

  /**
   * One page in two queries whatever its size: the articles joined with their authors,
   * and the total count (no N+1).
   */
  async findPage({ limit, offset }: PaginationQueryDto): Promise<ArticlePage> {
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

  async findOne(id: number): Promise<ArticleView> {
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
    return this.findOne(result.identifiers[0].id as number);
  }

  async replace(id: number, input: ArticleInputDto): Promise<ArticleView> {
    const result = await this.write(() =>
      this.articles.update(id, { title: input.title, body: input.body, authorId: input.author_id }),
    );
    if (result.affected === 0) {
      throw new NotFoundException('Article not found.');
    }
    return this.findOne(id);
  }

  async remove(id: number): Promise<void> {
    const result = await this.articles.delete(id);
    if (result.affected === 0) {
      throw new NotFoundException('Article not found.');
    }
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
