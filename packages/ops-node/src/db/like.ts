import type { Knex } from 'knex';

/** A LIKE pattern matching `text` anywhere, with `\`, `%` and `_` escaped by a backslash. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, m => `\\${m}`)}%`;

/**
 * Adds `column LIKE %text%` with the escape character named, which SQLite needs (it has no
 * default escape character; PostgreSQL's is the backslash). The column should hold lower-cased
 * text; `text` is lower-cased here.
 */
export function whereContains(builder: Knex.QueryBuilder, column: string, text: string): Knex.QueryBuilder {
  return builder.whereRaw("?? like ? escape '\\'", [column, likePattern(text.toLowerCase())]);
}
