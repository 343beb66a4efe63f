import { Knex } from 'knex';
import { createKeyTable } from '@yinxin/keystore';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
}

/*
 * The seal plugin's tables. Times are ISO strings, binary values base64 text, lists and policies
 * JSON text — identical on SQLite and PostgreSQL.
 */
const MIGRATIONS: Migration[] = [
  {
    name: '20261129_01_seal',
    async up(knex) {
      // sealed private keys: seal maker, status service, organisation seal keys (服务器签章)
      await createKeyTable(knex, 'seal_keys');
      // the platform's own service keys and their certificates from the CA plugin
      await knex.schema.createTable('seal_service_keys', t => {
        t.string('id', 36).primary();
        t.string('purpose', 16).notNullable(); // maker | status
        t.string('algorithm', 8).notNullable();
        t.string('key_id', 36).notNullable().references('seal_keys.id');
        t.text('certificate_der').notNullable();
        t.text('chain_der').notNullable(); // comma-separated base64, issuer first
        t.string('ca_certificate_id', 36).notNullable();
        t.string('not_after', 32).notNullable();
        t.string('created_at', 32).notNullable();
        t.index(['purpose', 'created_at']);
      });
      await knex.schema.createTable('seal_counters', t => {
        t.string('name', 32).primary();
        t.bigInteger('value').notNullable();
      });
      await knex.schema.createTable('seal_seals', t => {
        t.string('id', 36).primary();
        t.string('es_id', 32).nullable().unique(); // the seal code, given when made
        t.integer('version').notNullable(); // 4 or 1
        t.integer('generation').notNullable();
        t.string('type', 16).notNullable();
        t.string('name', 128).notNullable();
        t.string('owner_kind', 16).notNullable();
        t.string('owner_name', 128).notNullable();
        t.string('owner_code', 32).nullable();
        t.string('status', 16).notNullable();
        t.string('key_mode', 8).notNullable();
        t.string('server_key_id', 36).nullable().references('seal_keys.id');
        t.text('template').nullable(); // JSON
        t.string('picture_type', 8).notNullable();
        t.text('picture_png').nullable(); // base64 PNG (300 dpi, transparent)
        t.text('picture_svg').nullable();
        t.integer('width_mm').notNullable();
        t.integer('height_mm').notNullable();
        t.text('certificates').notNullable(); // JSON [{caCertificateId, serial, subjectDn, notBefore, notAfter, fingerprintSm3, der}]
        t.string('valid_start', 32).notNullable();
        t.string('valid_end', 32).notNullable();
        t.text('use_policy').notNullable(); // JSON
        t.string('predecessor_id', 36).nullable();
        t.string('successor_id', 36).nullable();
        t.string('filing_number', 64).nullable();
        t.text('seal_der').nullable();
        t.string('seal_hash', 64).nullable();
        t.text('reason').nullable();
        t.string('created_by', 255).notNullable();
        t.string('created_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
        t.text('search_text').notNullable();
        t.index(['status']);
        t.index(['created_at']);
      });
      await knex.schema.createTable('seal_events', t => {
        t.increments('id');
        t.string('seal_id', 36).notNullable().references('seal_seals.id');
        t.string('at', 32).notNullable();
        t.string('action', 16).notNullable();
        t.string('from_status', 16).nullable();
        t.string('to_status', 16).nullable();
        t.string('actor', 255).notNullable();
        t.text('reason').nullable();
        t.text('detail').notNullable(); // JSON
        t.index(['seal_id', 'id']);
      });
      await knex.schema.createTable('seal_holders', t => {
        t.string('seal_id', 36).notNullable().references('seal_seals.id');
        t.string('user_ref', 255).notNullable();
        t.string('granted_by', 255).notNullable();
        t.string('granted_at', 32).notNullable();
        t.primary(['seal_id', 'user_ref']);
      });
      await knex.schema.createTable('seal_use_requests', t => {
        t.string('id', 36).primary();
        t.string('seal_id', 36).notNullable().references('seal_seals.id');
        t.string('requester', 255).notNullable();
        t.string('document_type', 64).notNullable();
        t.string('document_name', 255).notNullable();
        t.text('purpose').notNullable();
        t.integer('uses').notNullable();
        t.integer('uses_left').notNullable();
        t.string('status', 16).notNullable();
        t.string('approver', 255).nullable();
        t.string('decided_at', 32).nullable();
        t.string('valid_until', 32).nullable();
        t.text('reason').nullable();
        t.string('created_at', 32).notNullable();
        t.index(['status', 'created_at']);
        t.index(['seal_id']);
      });
      await knex.schema.createTable('seal_uses', t => {
        t.string('id', 36).primary();
        t.string('seal_id', 36).notNullable().references('seal_seals.id');
        t.string('actor', 255).notNullable();
        t.string('at', 32).notNullable();
        t.string('state', 16).notNullable(); // prepared | completed
        t.string('document_name', 255).notNullable();
        t.string('document_type', 64).notNullable();
        t.string('document_hash', 128).notNullable();
        t.text('property_info').notNullable();
        t.string('use_request_id', 36).nullable();
        t.string('certificate_id', 36).nullable();
        t.integer('version').notNullable();
        t.boolean('timestamped').notNullable();
        t.boolean('want_timestamp').notNullable();
        t.text('tbs_der').nullable(); // prepared holder signatures
        t.text('signature_der').nullable();
        t.index(['seal_id', 'at']);
        t.index(['at']);
      });
    },
  },
];

/** Brings the seal plugin's tables up to date. */
export async function migrateSeal(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    tableName: 'yinxin_seal_migrations',
    migrationSource: {
      getMigrations: async () => MIGRATIONS,
      getMigrationName: (m: Migration) => m.name,
      getMigration: async (m: Migration) => ({ up: m.up, down: async () => {} }),
    },
  });
}
