import type { Knex } from 'knex';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
}

/*
 * The training plugin's tables, all prefixed `training_`. Times are ISO-8601 UTC strings with
 * milliseconds (compared as text), lists are JSON text — identical on SQLite and PostgreSQL.
 */
const MIGRATIONS: Migration[] = [
  {
    name: '20261129_01_training',
    async up(knex) {
      await knex.schema.createTable('training_materials', t => {
        t.string('id', 36).primary();
        t.string('status', 16).notNullable(); // draft | in-review | published | archived
        t.integer('published_version').nullable();
        t.integer('latest_version').notNullable();
        t.string('created_by', 255).notNullable();
        t.string('created_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
        t.string('archived_at', 32).nullable();
        t.string('archived_by', 255).nullable();
        t.text('archive_reason').nullable();
        t.index(['status', 'updated_at']);
      });
      await knex.schema.createTable('training_material_versions', t => {
        t.string('id', 36).primary();
        t.string('material_id', 36).notNullable().references('training_materials.id');
        t.integer('version').notNullable();
        t.string('state', 16).notNullable();
        t.string('title', 200).notNullable();
        t.text('description').notNullable();
        t.text('audiences').notNullable(); // JSON
        t.text('topics').notNullable(); // JSON
        t.string('language', 16).notNullable();
        t.string('file_name', 255).nullable();
        t.string('format', 8).nullable();
        t.string('kind', 8).nullable();
        t.bigInteger('size').nullable();
        t.string('sha256', 64).nullable();
        // a new version starts with its predecessor's file: a key may be shared by several versions
        t.string('storage_key', 36).nullable();
        t.string('text_status', 16).nullable();
        t.string('uploaded_by', 255).nullable();
        t.string('created_by', 255).notNullable();
        t.string('created_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
        t.string('submitted_by', 255).nullable();
        t.string('submitted_at', 32).nullable();
        t.string('reviewed_by', 255).nullable();
        t.string('reviewed_at', 32).nullable();
        t.text('review_note').nullable();
        t.string('published_at', 32).nullable();
        t.unique(['material_id', 'version']);
        t.index(['state']);
        t.index(['storage_key']);
      });
      await knex.schema.createTable('training_material_events', t => {
        t.increments('id');
        t.string('material_id', 36).notNullable().references('training_materials.id');
        t.integer('version').nullable();
        t.string('at', 32).notNullable();
        t.string('actor', 255).notNullable();
        t.string('action', 32).notNullable();
        t.text('note').nullable();
        t.index(['material_id', 'id']);
      });
      // search: the text of each version and its terms (character bigrams for CJK, words otherwise)
      await knex.schema.createTable('training_search_docs', t => {
        t.string('version_id', 36).primary().references('training_material_versions.id');
        t.string('material_id', 36).notNullable();
        t.text('title').notNullable();
        t.text('body').notNullable();
        t.string('indexed_at', 32).notNullable();
      });
      await knex.schema.createTable('training_search_terms', t => {
        t.string('version_id', 36).notNullable().references('training_material_versions.id');
        t.string('field', 1).notNullable(); // t title, b body
        t.string('term', 64).notNullable();
        t.primary(['version_id', 'field', 'term']);
        t.index(['term']);
      });

      await knex.schema.createTable('training_plans', t => {
        t.string('id', 36).primary();
        t.string('audience', 32).notNullable();
        t.string('title', 200).notNullable();
        t.integer('year').nullable();
        t.text('description').notNullable();
        t.string('status', 16).notNullable();
        t.string('created_by', 255).notNullable();
        t.string('created_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
        t.index(['audience', 'status']);
      });
      await knex.schema.createTable('training_courses', t => {
        t.string('id', 36).primary();
        t.string('plan_id', 36).notNullable().references('training_plans.id');
        t.string('title', 200).notNullable();
        t.text('description').notNullable();
        t.string('topic', 32).notNullable();
        t.integer('duration_minutes').notNullable();
        t.integer('position').notNullable();
        t.string('trainer_ref', 255).nullable();
        t.string('created_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
        t.index(['plan_id', 'position']);
      });
      await knex.schema.createTable('training_course_materials', t => {
        t.string('course_id', 36).notNullable().references('training_courses.id');
        t.string('material_id', 36).notNullable().references('training_materials.id');
        t.integer('position').notNullable();
        t.primary(['course_id', 'material_id']);
      });
      await knex.schema.createTable('training_trainers', t => {
        t.string('user_ref', 255).primary();
        t.string('display_name', 100).notNullable();
        t.float('years_experience').notNullable();
        t.text('similar_projects').notNullable(); // JSON
        t.text('evidence').notNullable();
        t.string('recorded_by', 255).notNullable();
        t.string('updated_at', 32).notNullable();
      });

      await knex.schema.createTable('training_requests', t => {
        t.string('id', 36).primary();
        t.string('requester_ref', 255).notNullable();
        t.string('department', 100).notNullable();
        t.string('topic', 32).notNullable();
        t.string('audience', 32).nullable();
        t.text('description').notNullable();
        t.string('preferred_from', 32).nullable();
        t.string('preferred_to', 32).nullable();
        t.integer('expected_attendees').nullable();
        t.string('status', 16).notNullable();
        t.text('reply').nullable();
        t.string('answered_by', 255).nullable();
        t.string('answered_at', 32).nullable();
        t.string('session_id', 36).nullable();
        t.string('created_at', 32).notNullable();
        t.index(['status', 'created_at']);
        t.index(['requester_ref']);
      });
      await knex.schema.createTable('training_sessions', t => {
        t.string('id', 36).primary();
        t.string('course_id', 36).nullable().references('training_courses.id');
        t.string('request_id', 36).nullable();
        t.string('title', 200).notNullable();
        t.string('topic', 32).notNullable();
        t.string('audience', 32).nullable();
        t.string('starts_at', 32).notNullable();
        t.string('ends_at', 32).notNullable();
        t.string('mode', 8).notNullable();
        t.string('place', 200).nullable();
        t.string('online_url', 500).nullable();
        t.string('trainer_ref', 255).notNullable();
        t.integer('capacity').notNullable();
        t.integer('enrolled').notNullable();
        t.string('status', 16).notNullable();
        t.text('cancel_reason').nullable();
        t.string('created_by', 255).notNullable();
        t.string('created_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
        t.index(['starts_at']);
      });
      await knex.schema.createTable('training_enrolments', t => {
        t.string('session_id', 36).notNullable().references('training_sessions.id');
        t.string('learner_ref', 255).notNullable();
        t.string('learner_name', 100).notNullable();
        t.string('department', 100).notNullable();
        t.string('enrolled_at', 32).notNullable();
        t.string('attended_at', 32).nullable();
        t.string('attendance_source', 8).nullable(); // self | trainer
        t.string('marked_by', 255).nullable();
        t.primary(['session_id', 'learner_ref']);
        t.index(['learner_ref']);
        t.index(['department']);
      });
      await knex.schema.createTable('training_feedback', t => {
        t.string('session_id', 36).notNullable().references('training_sessions.id');
        t.string('learner_ref', 255).notNullable();
        t.integer('score_content').notNullable();
        t.integer('score_trainer').notNullable();
        t.integer('score_materials').notNullable();
        t.integer('score_organisation').notNullable();
        t.text('comment').notNullable();
        t.string('at', 32).notNullable();
        t.primary(['session_id', 'learner_ref']);
      });
      await knex.schema.createTable('training_certificates', t => {
        t.string('serial', 32).primary();
        t.string('session_id', 36).notNullable().references('training_sessions.id');
        t.string('learner_ref', 255).notNullable();
        t.string('issued_at', 32).notNullable();
        t.unique(['session_id', 'learner_ref']);
      });
    },
  },
];

/** Brings the training plugin's tables up to date. */
export async function migrateTraining(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    tableName: 'yinxin_training_migrations',
    migrationSource: {
      getMigrations: async () => MIGRATIONS,
      getMigrationName: (m: Migration) => m.name,
      getMigration: async (m: Migration) => ({ up: m.up, down: async () => {} }),
    },
  });
}
