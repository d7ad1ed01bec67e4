import type { Article } from './article.entity';

/** An article as contract §5 reads it: author embedded, `created_at` in RFC 3339 UTC. */
export interface ArticleView {
  id: number;
  title: string;
  body: string;
  author: { id: number; name: string };
  created_at: string;
}

export function toArticleView(article: Article): ArticleView {
  return {
    id: article.id,
    title: article.title,
    body: article.body,
    author: { id: article.author.id, name: article.author.name },
    created_at: article.createdAt.toISOString(),
  };
}

export interface ArticlePage {
  count: number;
  results: ArticleView[];
}
