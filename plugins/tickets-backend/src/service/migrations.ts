import { Knex } from 'knex';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
}

const MIGRATIONS: Migration[] = [
  {
    name: '20261128_01_tickets',
    async up(knex) {
      await knex.schema.createTable('tickets', t => {
        t.increments('id');
        t.string('number', 32).notNullable().unique();
        t.string('title', 200).notNullable();
        t.text('description').notNullable();
        t.string('channel', 16).notNullable();
        t.string('category', 32).notNullable();
        t.string('priority', 16).notNullable();
        t.string('kind', 16).notNullable();
        t.string('state', 16).notNullable();
        t.string('requester_name', 100).notNullable();
        t.string('requester_contact', 200).notNullable();
        t.string('requester_ref', 255).nullable();
        t.string('organisation', 200).notNullable();
        t.string('assignee', 255).nullable();
        t.integer('parent_id').nullable().references('tickets.id');
        t.integer('merged_into').nullable().references('tickets.id');
        t.text('links').notNullable();
        t.string('access_code_hash', 64).nullable();
        t.string('im_conversation', 200).nullable();
        t.string('email_message_id', 255).nullable().unique();
        t.string('created_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
        t.string('created_by', 255).notNullable();
        t.string('response_due_at', 32).notNullable();
        t.string('response_met_at', 32).nullable();
        t.string('plan_due_at', 32).notNullable();
        t.string('plan_met_at', 32).nullable();
        t.string('paused_since', 32).nullable();
        t.string('warned_at', 32).nullable();
        t.string('escalated_at', 32).nullable();
        t.string('resolved_at', 32).nullable();
        t.integer('version').notNullable().defaultTo(1);
        t.index(['state', 'created_at']);
        t.index(['assignee', 'state']);
        t.index(['requester_ref']);
        t.index(['category']);
        t.index(['im_conversation']);
      });
      await knex.schema.createTable('ticket_comments', t => {
        t.increments('id');
        t.integer('ticket_id').notNullable().references('tickets.id');
        t.string('author', 255).notNullable();
        t.text('body').notNullable();
        t.boolean('internal').notNullable();
        t.string('created_at', 32).notNullable();
        t.index(['ticket_id']);
      });
      await knex.schema.createTable('ticket_events', t => {
        t.increments('id');
        t.integer('ticket_id').notNullable().references('tickets.id');
        t.string('actor', 255).notNullable();
        t.string('type', 32).notNullable();
        t.string('from_value', 255).nullable();
        t.string('to_value', 255).nullable();
        t.string('at', 32).notNullable();
        t.text('details').notNullable();
        t.index(['ticket_id']);
        t.index(['type', 'at']);
        t.index(['type', 'to_value', 'at']);
      });
      await knex.schema.createTable('ticket_attachments', t => {
        t.increments('id');
        t.integer('ticket_id').notNullable().references('tickets.id');
        t.string('filename', 255).notNullable();
        t.string('content_type', 100).notNullable();
        t.integer('size').notNullable();
        t.string('sha256', 64).notNullable();
        t.binary('content').notNullable();
        t.string('uploaded_by', 255).notNullable();
        t.string('uploaded_at', 32).notNullable();
        t.index(['ticket_id']);
      });
      await knex.schema.createTable('kb_articles', t => {
        t.increments('id');
        t.string('title', 200).notNullable();
        t.text('body').notNullable();
        t.string('category', 32).notNullable();
        t.text('tags').notNullable();
        t.string('updated_at', 32).notNullable();
        t.string('updated_by', 255).notNullable();
      });
      await knex.schema.createTable('ticket_kb_links', t => {
        t.integer('ticket_id').notNullable().references('tickets.id');
        t.integer('article_id').notNullable().references('kb_articles.id');
        t.primary(['ticket_id', 'article_id']);
      });
      await knex.schema.createTable('canned_replies', t => {
        t.increments('id');
        t.string('title', 200).notNullable();
        t.text('body').notNullable();
        t.string('updated_at', 32).notNullable();
      });
      await knex.schema.createTable('ticket_counters', t => {
        t.string('day', 8).primary();
        t.integer('last').notNullable();
      });
    },
  },
  {
    // One lower-cased column holding what the queue's search box searches (number, title,
    // requester, organisation): one scan instead of four, with no per-row lower() — and the one
    // column a pg_trgm index will cover.
    name: '20261128_02_ticket_search_text',
    async up(knex) {
      await knex.schema.alterTable('tickets', t => {
        t.text('search_text').notNullable().defaultTo('');
      });
      await knex('tickets').update({
        search_text: knex.raw("lower(number || ' ' || title || ' ' || requester_name || ' ' || organisation)"),
      });
    },
  },
];

/** Creates or upgrades the tickets plugin's tables. */
export async function migrateTickets(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    tableName: 'yinxin_tickets_migrations',
    migrationSource: {
      getMigrations: async () => MIGRATIONS,
      getMigrationName: (m: Migration) => m.name,
      getMigration: async (m: Migration) => ({ up: m.up, down: async () => {} }),
    },
  });
}
