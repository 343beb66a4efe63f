import { Knex } from 'knex';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
}

/*
 * The CA's tables. Times are ISO strings (as in every yinxin plugin, identical on SQLite and
 * PostgreSQL); binary values (DER, sealed keys) are base64 text so that both engines store and
 * compare them the same way.
 */
const MIGRATIONS: Migration[] = [
  {
    name: '20261128_01_ca',
    async up(knex) {
      // CA private keys, sealed with SM4-GCM under the keystore master key.
      await knex.schema.createTable('ca_keys', t => {
        t.string('id', 36).primary();
        t.string('algorithm', 8).notNullable();
        t.text('public_spki').notNullable();
        t.text('sealed_private').notNullable();
        t.string('created_at', 32).notNullable();
      });
      await knex.schema.createTable('ca_authorities', t => {
        t.string('id', 36).primary();
        t.string('name', 200).notNullable().unique();
        t.string('algorithm', 8).notNullable();
        t.string('kind', 16).notNullable();
        t.string('status', 24).notNullable();
        t.text('subject_dn').notNullable();
        t.text('subject_der').notNullable();
        t.string('parent_id', 36).nullable();
        t.boolean('external_parent').notNullable();
        t.string('key_id', 36).notNullable().references('ca_keys.id');
        t.text('csr_der').nullable();
        t.text('certificate_der').nullable();
        t.text('chain_der').nullable();
        t.string('serial', 64).nullable();
        t.string('not_before', 32).nullable();
        t.string('not_after', 32).nullable();
        t.string('created_at', 32).notNullable();
      });
      await knex.schema.createTable('ca_subjects', t => {
        t.string('id', 36).primary();
        t.string('kind', 16).notNullable();
        t.string('name', 200).notNullable();
        t.string('organisation', 200).nullable();
        t.string('org_unit', 200).nullable();
        t.string('province', 64).nullable();
        t.string('city', 64).nullable();
        t.string('id_type', 16).nullable();
        t.text('id_number_sealed').nullable();
        t.string('id_number_masked', 64).nullable();
        // SM3-HMAC of the ID number under the data key: finds duplicates without decrypting.
        t.string('id_number_index', 64).nullable();
        t.string('credit_code', 18).nullable();
        t.string('email', 200).nullable();
        t.string('phone', 32).nullable();
        t.text('dns_names').notNullable();
        t.text('search_text').notNullable();
        t.string('created_by', 255).notNullable();
        t.string('created_at', 32).notNullable();
        t.index(['id_number_index']);
        t.index(['credit_code']);
      });
      await knex.schema.createTable('ca_applications', t => {
        t.string('id', 36).primary();
        t.string('number', 32).notNullable().unique();
        t.string('kind', 8).notNullable();
        t.string('profile', 32).notNullable();
        t.string('key_algorithm', 8).notNullable();
        t.string('subject_id', 36).notNullable().references('ca_subjects.id');
        t.text('subject_dn').notNullable();
        t.text('csr_der').nullable();
        t.text('public_spki').nullable();
        t.string('status', 16).notNullable();
        t.integer('required_approvals').notNullable();
        t.string('submitted_by', 255).notNullable();
        t.string('submitted_at', 32).notNullable();
        t.string('decided_at', 32).nullable();
        t.string('issued_at', 32).nullable();
        t.string('issued_by', 255).nullable();
        t.text('rejection_reason').nullable();
        t.text('failure_reason').nullable();
        t.string('target_certificate_id', 36).nullable();
        t.string('token_serial', 64).nullable();
        t.string('ticket_id', 32).nullable();
        t.text('response_der').nullable();
        t.text('token_unlock_key').nullable();
        t.integer('version').notNullable().defaultTo(1);
        t.index(['status', 'submitted_at']);
      });
      await knex.schema.createTable('ca_approvals', t => {
        t.increments('id');
        t.string('application_id', 36).notNullable().references('ca_applications.id');
        t.string('approver', 255).notNullable();
        t.string('decision', 8).notNullable();
        t.text('comment').nullable();
        t.string('at', 32).notNullable();
        t.unique(['application_id', 'approver']);
      });
      await knex.schema.createTable('ca_certificates', t => {
        t.string('id', 36).primary();
        t.string('serial', 64).notNullable().unique();
        t.string('issuer_id', 36).notNullable().references('ca_authorities.id');
        t.string('usage', 16).notNullable();
        t.string('profile', 32).notNullable();
        t.string('key_algorithm', 8).notNullable();
        t.text('subject_dn').notNullable();
        t.string('subject_id', 36).nullable();
        t.string('application_id', 36).nullable();
        t.string('pair_id', 36).nullable();
        t.string('kmc_key_id', 36).nullable();
        t.string('public_key_hash', 64).notNullable();
        t.string('not_before', 32).notNullable();
        t.string('not_after', 32).notNullable();
        t.string('status', 8).notNullable();
        t.integer('revocation_reason').nullable();
        t.string('revoked_at', 32).nullable();
        t.string('invalidity_date', 32).nullable();
        t.string('replaced_by', 36).nullable();
        t.text('der').notNullable();
        t.text('search_text').notNullable();
        t.string('created_at', 32).notNullable();
        t.index(['status', 'not_after']);
        t.index(['subject_id']);
        t.index(['issuer_id', 'status']);
        t.index(['created_at']);
      });
      await knex.schema.createTable('ca_certificate_events', t => {
        t.increments('id');
        t.string('certificate_id', 36).notNullable().references('ca_certificates.id');
        t.string('action', 24).notNullable();
        t.string('actor', 255).notNullable();
        t.text('detail').notNullable();
        t.string('at', 32).notNullable();
        t.index(['certificate_id']);
      });
      // USB keys (soft tokens) registered at issuance, with their sealed unlock key.
      await knex.schema.createTable('ca_tokens', t => {
        t.string('serial', 64).primary();
        t.string('subject_id', 36).notNullable();
        t.string('certificate_id', 36).notNullable();
        t.text('sealed_unlock_key').notNullable();
        t.string('created_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
      });
      await knex.schema.createTable('ca_unlock_requests', t => {
        t.string('id', 36).primary();
        t.string('token_serial', 64).notNullable();
        t.text('challenge').notNullable();
        t.string('requested_by', 255).notNullable();
        t.string('ticket_id', 32).nullable();
        t.string('status', 16).notNullable();
        t.string('verified_by', 255).nullable();
        t.string('verification_method', 16).nullable();
        t.text('verification_note').nullable();
        t.string('created_at', 32).notNullable();
        t.string('answered_at', 32).nullable();
        t.index(['status', 'created_at']);
      });
    },
  },
  {
    // Per-day application counters: the row lock taken by the increment serialises concurrent
    // submissions, so two RA desks never draw the same number.
    name: '20261128_02_ca_counters',
    async up(knex) {
      await knex.schema.createTable('ca_counters', t => {
        t.string('name', 64).primary();
        t.integer('value').notNullable();
      });
    },
  },
  {
    // CRLs as issued: the newest few per authority and kind (full or delta), numbered from one
    // sequence per authority (`ca_counters` row `crl:<authority id>`).
    name: '20261128_03_ca_crls',
    async up(knex) {
      await knex.schema.createTable('ca_crls', t => {
        t.increments('id');
        t.string('issuer_id', 36).notNullable().references('ca_authorities.id');
        t.string('kind', 8).notNullable();
        t.integer('number').notNullable();
        t.integer('base_number').nullable();
        t.string('this_update', 32).notNullable();
        t.string('next_update', 32).notNullable();
        // When its entries were read: a delta lists what changed after its base was built.
        t.string('built_at', 32).notNullable();
        t.integer('entries').notNullable();
        t.binary('der').notNullable();
        t.unique(['issuer_id', 'number']);
        t.index(['issuer_id', 'kind', 'number']);
      });
      await knex.schema.alterTable('ca_certificate_events', t => {
        t.index(['action', 'at']);
      });
      // Full CRLs read an issuer's revoked certificates in serial order, a chunk at a time.
      await knex.schema.alterTable('ca_certificates', t => {
        t.index(['issuer_id', 'serial']);
      });
    },
  },
  {
    // The keys the CA's own services sign with (OCSP responders, TSAs), and the timestamp tokens
    // issued (unique serials; the TSA's record of what it signed).
    name: '20261128_04_ca_services',
    async up(knex) {
      await knex.schema.createTable('ca_service_certificates', t => {
        t.string('id', 36).primary();
        t.string('purpose', 8).notNullable();
        t.string('authority_id', 36).notNullable().references('ca_authorities.id');
        t.string('algorithm', 8).notNullable();
        t.string('key_id', 36).notNullable().references('ca_keys.id');
        t.string('certificate_id', 36).notNullable().references('ca_certificates.id');
        t.string('created_at', 32).notNullable();
        t.index(['purpose', 'authority_id']);
      });
      await knex.schema.createTable('ca_tsa_tokens', t => {
        t.string('serial', 40).primary();
        t.string('algorithm', 8).notNullable();
        t.string('hash_algorithm', 8).notNullable();
        t.string('imprint', 128).notNullable();
        t.string('gen_time', 32).notNullable();
        t.string('policy', 128).notNullable();
      });
    },
  },
  {
    // The durable publication queue (LDAP today): one row per object to publish (an authority's
    // entry, a CRL distribution point, a certificate), coalesced while it waits; the worker reads
    // what to write from the CA's tables when it publishes. Cursors remember how far the
    // publisher has followed the certificate events and expiries.
    name: '20261128_05_ca_publish_queue',
    async up(knex) {
      await knex.schema.createTable('ca_publish_queue', t => {
        t.increments('id');
        t.string('target', 16).notNullable();
        t.string('kind', 16).notNullable();
        t.string('object_id', 64).notNullable();
        t.text('dn').nullable();
        t.string('status', 8).notNullable();
        t.integer('attempts').notNullable().defaultTo(0);
        // Bumped by every enqueue: a row re-enqueued while it was being written stays pending.
        t.integer('version').notNullable().defaultTo(1);
        // Due when next_attempt_at has passed; a worker that takes a row pushes it on by a lease
        // and marks it with its claim, so that two backend replicas never write the same row.
        t.string('next_attempt_at', 32).notNullable();
        t.string('claim', 36).nullable();
        t.text('last_error').nullable();
        // What was last written (CRL numbers, certificate serials), for the catch-up pass.
        t.text('published').nullable();
        t.string('enqueued_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
        t.unique(['target', 'kind', 'object_id']);
        t.index(['target', 'status', 'next_attempt_at']);
      });
      await knex.schema.createTable('ca_publish_cursors', t => {
        t.string('name', 64).primary();
        t.string('value', 64).notNullable();
      });
    },
  },
];

/** Creates or upgrades the CA's tables (not the KMC's: see `migrateKmc`). */
export async function migrateCa(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    tableName: 'yinxin_ca_migrations',
    migrationSource: {
      getMigrations: async () => MIGRATIONS,
      getMigrationName: (m: Migration) => m.name,
      getMigration: async (m: Migration) => ({ up: m.up, down: async () => {} }),
    },
  });
}
