import knexFactory from 'knex';
import { likePattern, whereContains } from './like';

describe('whereContains', () => {
  it('matches %, _ and \\ literally on SQLite', async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await knex.schema.createTable('t', t => t.text('s'));
    await knex('t').insert([{ s: 'a_b' }, { s: 'axb' }, { s: '100%' }, { s: '1000' }, { s: 'c\\d' }]);
    const find = async (text: string) => (await whereContains(knex('t'), 's', text).select('s')).map((r: { s: string }) => r.s).sort();
    expect(await find('_')).toEqual(['a_b']);
    expect(await find('%')).toEqual(['100%']);
    expect(await find('\\')).toEqual(['c\\d']);
    expect(await find('A')).toEqual(['a_b', 'axb']);
    expect(likePattern('x%')).toBe('%x\\%%');
    await knex.destroy();
  });
});
