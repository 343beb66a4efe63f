import type { Knex } from 'knex';
import { DEFAULT_TEMPLATES } from '../logic/defaults';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
}

/** The table knex records the roster migrations in. */
export const ROSTER_MIGRATIONS_TABLE = 'yinxin_roster_migrations';

/*
 * The roster plugin's tables. Ids are UUIDs (text) except templates and rotations (short slugs);
 * instants are ISO-8601 UTC strings (they sort as text); local days are `YYYY-MM-DD`; lists are
 * JSON text — identical on SQLite and PostgreSQL.
 */
const MIGRATIONS: Migration[] = [
  {
    name: '20261129_01_roster',
    async up(knex) {
      // One row that every schedule change locks first (SELECT … FOR UPDATE on PostgreSQL), so
      // that checks for double booking and overlaps cannot race.
      await knex.schema.createTable('roster_lock', t => {
        t.integer('id').primary();
      });
      await knex('roster_lock').insert({ id: 1 });
      await knex.schema.createTable('roster_people', t => {
        t.string('id', 36).primary();
        t.string('name', 64).notNullable();
        t.string('user_ref', 255).nullable().unique();
        t.text('roles').notNullable();
        t.text('skills').notNullable();
        t.integer('years_experience').notNullable();
        t.text('certificates').notNullable();
        t.string('phone', 32).notNullable();
        t.string('email', 128).nullable();
        t.string('joined_on', 10).notNullable();
        t.string('left_on', 10).nullable();
        t.string('created_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
      });
      await knex.schema.createTable('roster_staff_changes', t => {
        t.string('id', 36).primary();
        t.string('kind', 8).notNullable();
        t.string('person_id', 36).notNullable().references('roster_people.id');
        t.string('replacement_id', 36).nullable().references('roster_people.id');
        t.text('reason').notNullable();
        t.string('notice_date', 10).notNullable();
        t.string('effective_date', 10).notNullable();
        t.string('recorded_by', 255).notNullable();
        t.string('recorded_at', 32).notNullable();
        t.index(['person_id']);
        t.index(['effective_date']);
      });
      await knex.schema.createTable('roster_templates', t => {
        t.string('id', 40).primary();
        t.string('name', 64).notNullable();
        t.string('kind', 8).notNullable();
        t.string('days', 12).notNullable();
        t.string('start_time', 5).notNullable();
        t.string('end_time', 5).notNullable();
        t.text('roles').notNullable();
        t.integer('headcount').notNullable();
        t.boolean('active').notNullable();
        t.integer('sort').notNullable();
        t.string('updated_at', 32).notNullable();
        t.string('updated_by', 255).notNullable();
      });
      await knex.schema.createTable('roster_rotations', t => {
        t.string('id', 40).primary();
        t.string('name', 64).notNullable();
        t.text('template_ids').notNullable();
        t.text('members').notNullable();
        t.string('updated_at', 32).notNullable();
        t.string('updated_by', 255).notNullable();
      });
      await knex.schema.createTable('roster_leaves', t => {
        t.string('id', 36).primary();
        t.string('person_id', 36).notNullable().references('roster_people.id');
        t.string('type', 12).notNullable();
        t.string('start_day', 10).notNullable();
        t.string('end_day', 10).notNullable();
        t.string('starts_at', 32).notNullable();
        t.string('ends_at', 32).notNullable();
        t.string('note', 500).notNullable();
        t.string('created_by', 255).notNullable();
        t.string('created_at', 32).notNullable();
        t.index(['person_id', 'starts_at']);
        t.index(['starts_at', 'ends_at']);
      });
      await knex.schema.createTable('roster_overrides', t => {
        t.string('id', 36).primary();
        t.string('person_id', 36).notNullable().references('roster_people.id');
        t.string('kind', 8).notNullable();
        t.string('starts_at', 32).notNullable();
        t.string('ends_at', 32).notNullable();
        t.string('replaced_person_id', 36).nullable().references('roster_people.id');
        // The pieces of the replaced person's assignments taken away, restored when the override
        // is deleted: JSON [{ templateId, kind, day, startsAt, endsAt, source }].
        t.text('removed').notNullable();
        t.string('reason', 500).notNullable();
        t.string('state', 8).notNullable();
        t.string('created_by', 255).notNullable();
        t.string('created_at', 32).notNullable();
        t.string('deleted_by', 255).nullable();
        t.string('deleted_at', 32).nullable();
        t.index(['kind', 'state', 'starts_at']);
      });
      await knex.schema.createTable('roster_assignments', t => {
        t.string('id', 36).primary();
        t.string('person_id', 36).notNullable().references('roster_people.id');
        t.string('template_id', 40).nullable();
        t.string('kind', 8).notNullable();
        t.string('day', 10).notNullable();
        t.string('starts_at', 32).notNullable();
        t.string('ends_at', 32).notNullable();
        t.string('source', 10).notNullable();
        t.string('override_id', 36).nullable().references('roster_overrides.id');
        t.string('created_at', 32).notNullable();
        t.string('created_by', 255).notNullable();
        t.index(['person_id', 'starts_at']);
        t.index(['starts_at']);
        t.index(['ends_at']);
        t.index(['day']);
      });
      await knex.schema.createTable('roster_months', t => {
        t.string('month', 7).primary();
        t.string('generated_at', 32).notNullable();
        t.string('generated_by', 255).notNullable();
      });
      await knex.schema.createTable('roster_swaps', t => {
        t.string('id', 36).primary();
        t.string('state', 10).notNullable();
        t.string('requester_id', 36).notNullable().references('roster_people.id');
        t.string('requested_by', 255).notNullable();
        t.string('assignment_id', 36).notNullable();
        t.string('partner_id', 36).notNullable().references('roster_people.id');
        t.string('partner_assignment_id', 36).nullable();
        t.string('reason', 500).notNullable();
        t.string('created_at', 32).notNullable();
        t.string('decided_by', 255).nullable();
        t.string('decided_at', 32).nullable();
        t.string('decision_note', 500).nullable();
        t.index(['state', 'created_at']);
        t.index(['assignment_id']);
      });
      await knex.schema.createTable('roster_dispatches', t => {
        t.string('id', 36).primary();
        t.string('source_kind', 8).notNullable();
        t.integer('ticket_id').nullable();
        t.string('ticket_number', 32).nullable();
        t.string('alert_rule_id', 64).nullable();
        t.string('alert_target_id', 64).nullable();
        t.string('severity', 10).notNullable();
        t.string('person_id', 36).notNullable().references('roster_people.id');
        t.string('summary', 500).notNullable();
        t.string('location', 200).notNullable();
        t.string('state', 12).notNullable();
        t.string('created_by', 255).notNullable();
        t.string('created_at', 32).notNullable();
        t.string('deadline_at', 32).notNullable();
        t.string('accepted_at', 32).nullable();
        t.string('arrived_at', 32).nullable();
        t.string('completed_at', 32).nullable();
        t.string('cancelled_at', 32).nullable();
        t.boolean('late').nullable();
        t.text('completion_note').nullable();
        t.index(['created_at']);
        t.index(['person_id', 'state']);
        t.index(['ticket_id']);
      });
      await knex.schema.createTable('roster_dispatch_logs', t => {
        t.string('id', 36).primary();
        t.string('dispatch_id', 36).notNullable().references('roster_dispatches.id');
        t.string('at', 32).notNullable();
        t.string('author', 255).notNullable();
        t.text('text').notNullable();
        t.index(['dispatch_id', 'at']);
      });
      await knex.schema.createTable('roster_attendance', t => {
        t.string('id', 36).primary();
        t.string('assignment_id', 36).notNullable().unique();
        t.string('person_id', 36).notNullable().references('roster_people.id');
        t.string('check_in_at', 32).notNullable();
        t.string('check_out_at', 32).nullable();
        t.boolean('late').notNullable();
        t.index(['person_id', 'check_in_at']);
      });
      const now = new Date().toISOString();
      await knex('roster_templates').insert(
        DEFAULT_TEMPLATES.map(t => ({
          id: t.id,
          name: t.name,
          kind: t.kind,
          days: t.days,
          start_time: t.start,
          end_time: t.end,
          roles: JSON.stringify(t.roles),
          headcount: t.headcount,
          active: true,
          sort: t.sort,
          updated_at: now,
          updated_by: 'system',
        })),
      );
    },
  },
];

/** Creates or upgrades the roster plugin's tables (and seeds the default shift templates). */
export async function migrateRoster(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    tableName: ROSTER_MIGRATIONS_TABLE,
    migrationSource: {
      getMigrations: async () => MIGRATIONS,
      getMigrationName: (m: Migration) => m.name,
      getMigration: async (m: Migration) => ({ up: m.up, down: async () => {} }),
    },
  });
}
