import { DynamicModule, Module } from '@nestjs/common';
import { CacheModule } from '@nestjs/cache-manager';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import type { AppConfig } from '../config/app-config';
import { ARTICLE_CACHE_TTL_MS, ArticleCache, NoArticleCache, RedisArticleCache, articleCacheStore } from './article-cache';
import { Article } from './article.entity';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { Author } from './author.entity';

@Module({})
export class ArticlesModule {
  /**
   * CACHE=redis: the NestJS caching docs' CacheModule with a Redis store ("Using alternative
   * cache stores", https://docs.nestjs.com/techniques/caching), used by ArticlesService through
   * the RedisArticleCache; CACHE=off: no cache module at all.
   */
  static forRoot(config: AppConfig): DynamicModule {
    const cached = config.cache === 'redis';
    return {
      module: ArticlesModule,
      imports: [
        TypeOrmModule.forFeature([Article, Author]),
        AuthModule,
        ...(cached
          ? [CacheModule.registerAsync({ useFactory: () => ({ stores: [articleCacheStore(config)], ttl: ARTICLE_CACHE_TTL_MS }) })]
          : []),
      ],
      controllers: [ArticlesController],
      providers: [ArticlesService, { provide: ArticleCache, useClass: cached ? RedisArticleCache : NoArticleCache }],
    };
  }
}
