import { mockServices } from '@backstage/backend-test-utils';
import { defaultSettings, readSettings } from './settings';

const cfg = (data: object) => mockServices.rootConfig({ data: { yinxin: { roster: data } } }).getOptionalConfig('yinxin.roster');

describe('roster settings', () => {
  it('defaults to the contract figures', () => {
    expect(readSettings(undefined)).toEqual(defaultSettings());
    expect(defaultSettings()).toMatchObject({
      timeZone: 'Asia/Shanghai',
      onsite: { roles: ['resident'], start: '09:00', end: '17:00' },
      minTeamSize: 5,
      arrivalHours: { major: 2, ordinary: 4 },
    });
  });

  it('reads yinxin.roster and names a bad key', () => {
    expect(readSettings(cfg({ onsite: { roles: ['resident', 'technical-support'], start: '08:30' }, hours: { weekLimit: 44 } }))).toMatchObject({
      onsite: { roles: ['resident', 'technical-support'], start: '08:30', end: '17:00' },
      hours: { weekLimit: 44, monthLimit: 240, oncallFactor: 0.25 },
    });
    expect(() => readSettings(cfg({ onsite: { roles: ['driver'] } }))).toThrow(/yinxin.roster.onsite.roles: unknown team roles driver/);
    expect(() => readSettings(cfg({ hours: { oncallFactor: 2 } }))).toThrow(/hours.oncallFactor/);
    expect(() => readSettings(cfg({ onsite: { start: '9am' } }))).toThrow(RangeError);
    expect(() => readSettings(cfg({ timeZone: 'Mars/Olympus' }))).toThrow(/timeZone/);
  });
});
