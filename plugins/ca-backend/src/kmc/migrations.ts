import { Knex } from 'knex';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
}

/*
 * The KMC's own tables (GM/T 0038 §7.6: standby pool 备用库, in-use store 在用库, history store
 * 历史库). Private keys are sealed under the KMC's key-encryption key, which the CA never holds.
 */
const MIGRATIONS: Migration[] = [
  {
    name: '20261128_01_kmc',
    async up(knex) {
      await knex.schema.createTable('kmc_keys', t => {
        t.string('id', 36).primary();
        t.string('state', 8).notNullable(); // standby | in-use | history
        t.string('public_key', 130).notNullable().unique();
        t.text('sealed_private').notNullable();
        t.string('ca_name', 200).nullable();
        t.string('user_cert_no', 64).nullable().unique();
        t.string('user_name', 200).nullable();
        t.string('not_before', 32).nullable();
        t.string('not_after', 32).nullable();
        t.string('created_at', 32).notNullable();
        t.string('assigned_at', 32).nullable();
        t.string('retired_at', 32).nullable();
        t.index(['state']);
      });
      // Every CA request served (GM/T 0014 apply / restore / revoke), for statistics and audit.
      await knex.schema.createTable('kmc_requests', t => {
        t.increments('id');
        t.string('task_no', 64).notNullable();
        t.string('kind', 8).notNullable();
        t.string('ca_name', 200).notNullable();
        t.string('user_cert_no', 64).notNullable();
        t.string('result', 16).notNullable();
        t.string('at', 32).notNullable();
      });
      await knex.schema.createTable('kmc_recoveries', t => {
        t.string('id', 36).primary();
        t.string('kind', 8).notNullable(); // user | judicial
        t.string('user_cert_no', 64).notNullable();
        t.string('certificate_id', 36).notNullable();
        t.string('certificate_serial', 64).notNullable();
        t.string('subject_name', 200).nullable();
        t.string('requested_by', 255).notNullable();
        t.text('reason').notNullable();
        t.string('case_reference', 200).nullable();
        t.string('recipient_certificate_id', 36).nullable();
        t.integer('required_approvals').notNullable();
        t.string('status', 16).notNullable();
        t.string('created_at', 32).notNullable();
        t.string('released_at', 32).nullable();
        t.integer('version').notNullable().defaultTo(1);
        t.index(['status', 'created_at']);
      });
      await knex.schema.createTable('kmc_recovery_approvals', t => {
        t.increments('id');
        t.string('recovery_id', 36).notNullable().references('kmc_recoveries.id');
        t.string('officer', 255).notNullable();
        t.string('decision', 8).notNullable();
        t.text('comment').nullable();
        t.string('at', 32).notNullable();
        t.unique(['recovery_id', 'officer']);
      });
    },
  },
];

/** Creates or upgrades the KMC's tables. */
export async function migrateKmc(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    tableName: 'yinxin_kmc_migrations',
    migrationSource: {
      getMigrations: async () => MIGRATIONS,
      getMigrationName: (m: Migration) => m.name,
      getMigration: async (m: Migration) => ({ up: m.up, down: async () => {} }),
    },
  });
}
