import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  CalendarStore,
  chineseDaysYears,
  migrateCalendarStore,
  seedDaysFromChineseDays,
} from './CalendarStore';

jest.setTimeout(60_000);

const ids: TestDatabaseId[] = ['SQLITE_3'];
if (process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
  ids.push('POSTGRES_15');
}
const databases = TestDatabases.create({ ids });

/** Shanghai wall-clock time → instant. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('seedDaysFromChineseDays', () => {
  it('covers the years the package has', () => {
    const years = chineseDaysYears();
    expect(years[0]).toBe(2004);
    expect(years[years.length - 1]).toBe(2026);
    expect(years).toEqual(
      Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i),
    );
  });

  it('returns the 2026 holidays and make-up workdays with Chinese names', () => {
    const days = seedDaysFromChineseDays([2026]);
    expect([...days.keys()].every(d => d.startsWith('2026-'))).toBe(true);
    expect([...days.keys()]).toEqual([...days.keys()].sort());
    const holidays = [...days]
      .filter(([, o]) => o.kind === 'holiday')
      .map(([d]) => d);
    const workdays = [...days]
      .filter(([, o]) => o.kind === 'workday')
      .map(([d]) => d);
    expect(holidays).toHaveLength(33);
    expect(workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    for (const d of ['01', '02', '03', '04', '05', '06', '07']) {
      expect(days.get(`2026-10-${d}`)).toEqual({
        kind: 'holiday',
        name: '国庆节',
      });
    }
    expect(days.has('2026-10-08')).toBe(false);
    expect(days.get('2026-09-20')).toEqual({ kind: 'workday', name: '国庆节' });
    expect(days.get('2026-02-15')).toEqual({ kind: 'holiday', name: '春节' });
    expect(days.get('2026-02-23')).toEqual({ kind: 'holiday', name: '春节' });
    expect(days.get('2026-01-01')).toEqual({ kind: 'holiday', name: '元旦' });
  });

  it('only lists make-up workdays on weekends', () => {
    for (const [day, o] of seedDaysFromChineseDays()) {
      if (o.kind === 'workday') {
        expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
      }
    }
  });

  it('returns nothing for years the package does not have, and rejects non-integers', () => {
    expect(seedDaysFromChineseDays([2099]).size).toBe(0);
    expect(seedDaysFromChineseDays([]).size).toBe(0);
    expect(() => seedDaysFromChineseDays([2026.5])).toThrow(RangeError);
  });
});

describe.each(databases.eachSupportedId())(
  'CalendarStore on %p',
  databaseId => {
    async function setUp(options: { cacheTtlMs?: number } = {}) {
      const knex = await databases.init(databaseId);
      let clock = new Date('2026-11-28T02:00:00Z');
      const store = await CalendarStore.create({
        knex,
        cacheTtlMs: options.cacheTtlMs ?? 3_600_000,
        now: () => clock,
      });
      return {
        knex,
        store,
        setClock: (d: Date) => {
          clock = d;
        },
      };
    }

    it('migrates idempotently into its own migrations table', async () => {
      const { knex } = await setUp();
      await migrateCalendarStore(knex);
      expect(await knex.schema.hasTable('calendar_days')).toBe(true);
      expect(await knex.schema.hasTable('calendar_settings')).toBe(true);
      expect(await knex.schema.hasTable('yinxin_calendar_migrations')).toBe(
        true,
      );
      expect(await knex.schema.hasTable('knex_migrations')).toBe(false);
      const applied = await knex('yinxin_calendar_migrations').select('name');
      expect(applied.map(r => r.name)).toEqual([
        '20260101000000_calendar_init',
      ]);
    });

    it('rejects unknown kinds and sources at the database level', async () => {
      const { knex } = await setUp();
      await expect(
        knex('calendar_days').insert({
          day: '2026-11-11',
          kind: 'vacation',
          source: 'admin',
          updated_at: new Date(),
        }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/constraint/i) });
    });

    it('seeds once from chinese-days', async () => {
      const { store } = await setUp();
      const expected = seedDaysFromChineseDays();
      expect(await store.seedIfEmpty()).toBe(expected.size);
      expect(await store.seedIfEmpty()).toBe(0);

      const year = await store.listYear(2026);
      expect(year.map(d => d.day)).toEqual([
        ...seedDaysFromChineseDays([2026]).keys(),
      ]);
      const national = year.find(d => d.day === '2026-10-01');
      expect(national).toEqual({
        day: '2026-10-01',
        kind: 'holiday',
        name: '国庆节',
        source: 'seed',
        updatedBy: 'chinese-days@1.5.7',
        updatedAt: new Date('2026-11-28T02:00:00Z'),
      });
      expect(await store.listYear(2030)).toEqual([]);

      const calendar = await store.load();
      expect(
        calendar.deadlineByWorkingDays(cst('2026-09-30T10:00:00'), 2),
      ).toEqual(cst('2026-10-08T17:30:00'));
      expect(calendar.dayKind(cst('2026-10-10T12:00:00'))).toMatchObject({
        kind: 'makeup-workday',
        name: '国庆节',
      });
    });

    it('does not seed when an admin already entered a day', async () => {
      const { store } = await setUp();
      await store.setDay(
        '2026-11-11',
        'holiday',
        'Company day',
        'user:default/admin',
      );
      expect(await store.seedIfEmpty()).toBe(0);
      expect((await store.listYear(2026)).map(d => d.day)).toEqual([
        '2026-11-11',
      ]);
    });

    it('sets, overrides and removes days, invalidating the cached calendar', async () => {
      const { store, setClock } = await setUp();
      await store.seedIfEmpty();
      const before = await store.load();
      expect(await store.load()).toBe(before); // cached
      expect(before.isWorkingDay(cst('2026-11-11T10:00:00'))).toBe(true);

      setClock(new Date('2026-11-28T03:00:00Z'));
      const added = await store.setDay(
        '2026-11-11',
        'holiday',
        '  公司日  ',
        'user:default/admin',
      );
      expect(added).toEqual({
        before: undefined,
        after: {
          day: '2026-11-11',
          kind: 'holiday',
          name: '公司日',
          source: 'admin',
          updatedBy: 'user:default/admin',
          updatedAt: new Date('2026-11-28T03:00:00Z'),
        },
      });
      const afterAdd = await store.load();
      expect(afterAdd).not.toBe(before);
      expect(afterAdd.dayKind(cst('2026-11-11T10:00:00'))).toMatchObject({
        kind: 'holiday',
        name: '公司日',
      });
      expect(
        (await store.listYear(2026)).find(d => d.day === '2026-11-11'),
      ).toEqual(added.after);

      // Turn a seeded holiday into a working day.
      const changed = await store.setDay(
        '2026-10-07',
        'workday',
        null,
        'user:default/admin',
      );
      expect(changed.before).toMatchObject({
        kind: 'holiday',
        name: '国庆节',
        source: 'seed',
      });
      expect(changed.after).toMatchObject({
        kind: 'workday',
        name: null,
        source: 'admin',
      });
      expect(
        (await store.load()).dayKind(cst('2026-10-07T10:00:00')).kind,
      ).toBe('workday');

      // Remove a make-up workday: the Saturday becomes a plain weekend day.
      const removed = await store.setDay(
        '2026-10-10',
        null,
        undefined,
        'user:default/admin',
      );
      expect(removed.before).toMatchObject({ kind: 'workday', source: 'seed' });
      expect(removed.after).toBeUndefined();
      const calendar = await store.load();
      expect(calendar.dayKind(cst('2026-10-10T10:00:00')).kind).toBe('weekend');
      expect(
        calendar.deadlineByWorkingDays(cst('2026-10-09T19:00:00'), 2),
      ).toEqual(cst('2026-10-13T17:30:00'));

      // Removing a day without an override is a no-op.
      expect(
        await store.setDay('2026-12-01', null, null, 'user:default/admin'),
      ).toEqual({
        before: undefined,
        after: undefined,
      });
    });

    it.each([
      ['2026-02-30', 'holiday', 'x', 'user:a', /Invalid day "2026-02-30"/],
      ['2026-2-3', 'holiday', 'x', 'user:a', /Invalid day/],
      ['2026-11-11', 'vacation', 'x', 'user:a', /Invalid kind "vacation"/],
      [
        '2026-11-11',
        'holiday',
        'x'.repeat(101),
        'user:a',
        /at most 100 characters/,
      ],
      ['2026-11-11', 'holiday', 'x', ' ', /Invalid actor/],
    ])('rejects setDay(%p, %p, …)', async (day, kind, name, actor, message) => {
      const { store } = await setUp();
      await expect(
        store.setDay(day, kind as never, name, actor),
      ).rejects.toThrow(RangeError);
      await expect(
        store.setDay(day, kind as never, name, actor),
      ).rejects.toThrow(message);
      expect(await store.listYear(2026)).toEqual([]);
    });

    it('writes in the caller transaction, atomically with an audit record', async () => {
      const { knex, store } = await setUp();
      await knex.schema.createTable('test_audit', t => {
        t.increments('id');
        t.text('entry');
      });
      const auditCount = async () => {
        const [{ n }] = await knex('test_audit').count({ n: '*' });
        return Number(n); // a string on PostgreSQL
      };
      const cachedBefore = await store.load();

      // Rolled back: neither the day nor the audit record is written.
      await expect(
        knex.transaction(async trx => {
          await store.setDay(
            '2026-11-11',
            'holiday',
            '公司日',
            'user:default/admin',
            trx,
          );
          await trx('test_audit').insert({ entry: 'set 2026-11-11' });
          throw new Error('audit failed');
        }),
      ).rejects.toThrow('audit failed');
      expect(await store.listYear(2026)).toEqual([]);
      expect(await auditCount()).toBe(0);
      const afterRollback = await store.load();
      expect(afterRollback).not.toBe(cachedBefore);
      expect(afterRollback.isWorkingDay(cst('2026-11-11T10:00:00'))).toBe(true);

      // Committed: both are written, and a calendar cached during the transaction is dropped.
      await knex.transaction(async trx => {
        await store.setDay(
          '2026-11-11',
          'holiday',
          '公司日',
          'user:default/admin',
          trx,
        );
        await trx('test_audit').insert({ entry: 'set 2026-11-11' });
        if (databaseId !== 'SQLITE_3') {
          // (In-memory SQLite has a single connection, held by the transaction.)
          const during = await store.load();
          expect(during.isWorkingDay(cst('2026-11-11T10:00:00'))).toBe(true); // not committed yet
        }
      });
      expect((await store.listYear(2026)).map(d => d.day)).toEqual([
        '2026-11-11',
      ]);
      expect(await auditCount()).toBe(1);
      expect(
        (await store.load()).isWorkingDay(cst('2026-11-11T10:00:00')),
      ).toBe(false);
    });

    it('stores settings with defaults and validation', async () => {
      const { store } = await setUp();
      expect(await store.getSettings()).toEqual({
        timeZone: 'Asia/Shanghai',
        businessHours: { start: '08:30', end: '17:30' },
      });
      const first = await store.load();

      const change = await store.setSettings({
        businessHours: { start: '09:00', end: '18:00' },
      });
      expect(change.before).toEqual({
        timeZone: 'Asia/Shanghai',
        businessHours: { start: '08:30', end: '17:30' },
      });
      expect(change.after).toEqual({
        timeZone: 'Asia/Shanghai',
        businessHours: { start: '09:00', end: '18:00' },
      });
      const second = await store.load();
      expect(second).not.toBe(first);
      expect(second.businessHours).toEqual({ start: '09:00', end: '18:00' });

      await store.setSettings({ timeZone: 'asia/urumqi' });
      expect(await store.getSettings()).toEqual({
        timeZone: 'Asia/Urumqi',
        businessHours: { start: '09:00', end: '18:00' },
      });

      await expect(
        store.setSettings({ timeZone: 'Nowhere/Land' }),
      ).rejects.toThrow(RangeError);
      await expect(
        store.setSettings({ businessHours: { start: '18:00', end: '09:00' } }),
      ).rejects.toThrow(/end must be after the start/);
      await expect(
        store.setSettings({ businessHours: { start: '9:00', end: '18:00' } }),
      ).rejects.toThrow(/HH:MM/);
      expect(await store.getSettings()).toEqual({
        timeZone: 'Asia/Urumqi',
        businessHours: { start: '09:00', end: '18:00' },
      });
    });

    it('serves a cached calendar until it expires or is invalidated', async () => {
      const { knex, store } = await setUp();
      const other = new CalendarStore({ knex }); // e.g. another backend instance
      const cached = await store.load();
      await other.setDay('2026-11-11', 'holiday', null, 'user:default/admin');
      expect(await store.load()).toBe(cached); // not visible until the cache expires
      store.invalidateCache();
      expect(
        (await store.load()).isWorkingDay(cst('2026-11-11T10:00:00')),
      ).toBe(false);

      const uncached = new CalendarStore({ knex, cacheTtlMs: 0 });
      const [a, b] = await Promise.all([uncached.load(), uncached.load()]);
      expect(a).toBe(b); // concurrent loads share one read
      expect(await uncached.load()).not.toBe(a);
    });

    it('rejects invalid years', async () => {
      const { store } = await setUp();
      await expect(store.listYear(26)).rejects.toThrow(RangeError);
      await expect(store.listYear(2026.5)).rejects.toThrow(RangeError);
    });
  },
);
