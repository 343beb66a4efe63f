import type { Knex } from 'knex';

/** The table knex records the audit migrations in, apart from the plugin's own `knex_migrations`. */
export const AUDIT_MIGRATIONS_TABLE = 'yinxin_audit_migrations';

interface AuditMigration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const migrations: AuditMigration[] = [
  {
    name: '20250101000000_audit_log',
    async up(knex) {
      await knex.schema.createTable('audit_log', table => {
        // Assigned by AuditLog.append as previous max + 1; deliberately not
        // auto-incremented, so that a deleted record leaves a visible gap.
        table.bigInteger('seq').notNullable().primary();
        table.string('id', 36).notNullable().unique();
        table.string('at', 32).notNullable().index();
        table.string('actor', 255).notNullable().index();
        table.string('action', 255).notNullable().index();
        table.string('target_type', 255).nullable();
        table.string('target_id', 255).nullable();
        table.string('outcome', 16).notNullable();
        table.text('details').notNullable();
        table.string('prev_hash', 64).notNullable();
        table.string('hash', 64).notNullable().unique();
        table.index(['target_type', 'target_id']);
      });
      // A single row that appenders lock (SELECT ... FOR UPDATE) on databases
      // with row locks, to serialise appends within this plugin's schema.
      await knex.schema.createTable('audit_head', table => {
        table.integer('id').notNullable().primary();
      });
      await knex('audit_head').insert({ id: 1 });
      await knex.schema.createTable('audit_checkpoints', table => {
        table.increments('id');
        table.bigInteger('seq').notNullable();
        table.string('hash', 64).notNullable();
        table.string('at', 32).notNullable();
        table.text('signature').nullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTable('audit_checkpoints');
      await knex.schema.dropTable('audit_head');
      await knex.schema.dropTable('audit_log');
    },
  },
];

const migrationSource: Knex.MigrationSource<AuditMigration> = {
  async getMigrations() {
    return migrations;
  },
  getMigrationName(migration) {
    return migration.name;
  },
  async getMigration(migration) {
    return migration;
  },
};

/**
 * Creates or upgrades the audit tables (`audit_log`, `audit_head`,
 * `audit_checkpoints`) in a plugin's database. Safe to call on every start.
 *
 * The migrations are bundled in code (a knex migration source object), so it
 * works from any package, and they are tracked in their own table
 * {@link AUDIT_MIGRATIONS_TABLE} so they never mix with the plugin's own
 * migrations.
 *
 * @param knex - the plugin's database (for PostgreSQL, already scoped to the plugin's schema)
 */
export async function migrateAuditLog(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    migrationSource,
    tableName: AUDIT_MIGRATIONS_TABLE,
  });
}
