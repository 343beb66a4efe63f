/*
 * Fair assignment: fewest open tickets first, restricted to agents with the ticket's skill (all
 * agents when nobody has it), ties broken by the least recent assignment and then by name.
 */
import type { Category } from '@yinxin/plugin-tickets-common';
import { Agent, AgentDirectory, StaticAgentDirectory, pickAgent } from './assignment';

type Load = Map<string, { open: number; lastAssignedAt: string | null }>;

const agent = (name: string, skills: Category[] = []): Agent => ({ ref: `user:default/${name}`, skills });
const load = (entries: Record<string, [number, string | null]>): Load =>
  new Map(Object.entries(entries).map(([name, [open, last]]) => [`user:default/${name}`, { open, lastAssignedAt: last }]));

describe('pickAgent', () => {
  it('returns null when nobody is on duty', () => {
    expect(pickAgent([], 'consult', new Map())).toBeNull();
    expect(pickAgent([], 'seal', load({ zhang: [0, null] }))).toBeNull();
  });

  it('picks the only agent whatever the load', () => {
    expect(pickAgent([agent('li')], 'fault', load({ li: [40, '2026-03-11T02:00:00.000Z'] }))).toBe('user:default/li');
  });

  it('picks the agent with the fewest open tickets', () => {
    const agents = [agent('a'), agent('b'), agent('c')];
    expect(pickAgent(agents, 'consult', load({ a: [3, null], b: [1, null], c: [2, null] }))).toBe('user:default/b');
    expect(pickAgent(agents, 'consult', load({ a: [0, null], b: [1, null], c: [2, null] }))).toBe('user:default/a');
  });

  it('treats an agent missing from the load map as having nothing open and never assigned', () => {
    const agents = [agent('busy'), agent('fresh')];
    expect(pickAgent(agents, 'consult', load({ busy: [1, null] }))).toBe('user:default/fresh');
  });

  it('prefers fewer open tickets over a less recent assignment', () => {
    const agents = [agent('old'), agent('recent')];
    const l = load({ old: [2, '2026-01-01T00:00:00.000Z'], recent: [1, '2026-03-11T09:00:00.000Z'] });
    expect(pickAgent(agents, 'consult', l)).toBe('user:default/recent');
  });

  it('breaks a load tie by the least recent assignment, never-assigned first', () => {
    const agents = [agent('a'), agent('b'), agent('c')];
    expect(
      pickAgent(agents, 'consult', load({ a: [1, '2026-03-11T03:00:00.000Z'], b: [1, '2026-03-11T02:00:00.000Z'], c: [1, '2026-03-11T04:00:00.000Z'] })),
    ).toBe('user:default/b');
    expect(
      pickAgent(agents, 'consult', load({ a: [1, '2026-03-11T03:00:00.000Z'], b: [1, '2026-03-11T02:00:00.000Z'], c: [1, null] })),
    ).toBe('user:default/c');
  });

  it('breaks a full tie by name, whatever the order of the list', () => {
    const names = ['zhao', 'qian', 'sun', 'li'];
    const l = load({ zhao: [0, null], qian: [0, null], sun: [0, null], li: [0, null] });
    for (const order of [names, [...names].reverse(), ['sun', 'li', 'zhao', 'qian']]) {
      expect(pickAgent(order.map(n => agent(n)), 'consult', l)).toBe('user:default/li');
    }
    const same = '2026-03-11T02:00:00.000Z';
    expect(pickAgent([agent('b'), agent('a')], 'consult', load({ a: [2, same], b: [2, same] }))).toBe('user:default/a');
  });

  it('considers only agents with the skill, even when an agent without it is idle', () => {
    const agents = [agent('idle', ['consult']), agent('sealer', ['seal']), agent('sealer2', ['seal', 'fault'])];
    const l = load({ idle: [0, null], sealer: [5, null], sealer2: [3, null] });
    expect(pickAgent(agents, 'seal', l)).toBe('user:default/sealer2');
    expect(pickAgent(agents, 'fault', l)).toBe('user:default/sealer2');
    expect(pickAgent(agents, 'consult', l)).toBe('user:default/idle');
  });

  it('counts an agent without skills as handling every category', () => {
    const agents = [agent('specialist', ['seal']), agent('generalist')];
    expect(pickAgent(agents, 'seal', load({ specialist: [4, null], generalist: [1, null] }))).toBe('user:default/generalist');
    expect(pickAgent(agents, 'key-recovery', load({ specialist: [0, null], generalist: [9, null] }))).toBe('user:default/generalist');
  });

  it('falls back to every agent when nobody has the skill', () => {
    const agents = [agent('a', ['seal']), agent('b', ['fault']), agent('c', ['consult'])];
    expect(pickAgent(agents, 'key-recovery', load({ a: [2, null], b: [0, null], c: [1, null] }))).toBe('user:default/b');
    expect(pickAgent(agents, 'key-recovery', load({ a: [0, null], b: [0, '2026-03-11T02:00:00.000Z'], c: [0, null] }))).toBe('user:default/a');
  });

  it('does not reorder or change its inputs', () => {
    const agents = [agent('b'), agent('a')];
    const l = load({ a: [1, null], b: [0, null] });
    const snapshot = JSON.stringify([agents, [...l]]);
    pickAgent(agents, 'consult', l);
    expect(JSON.stringify([agents, [...l]])).toBe(snapshot);
  });

  it('spreads a stream of tickets evenly when each pick updates the load', () => {
    const agents = [agent('a'), agent('b'), agent('c', ['seal'])];
    const l: Load = new Map();
    const picks: string[] = [];
    for (let i = 0; i < 9; i++) {
      const at = new Date(Date.UTC(2026, 2, 11, 2, i)).toISOString();
      const ref = pickAgent(agents, 'consult', l)!;
      picks.push(ref.split('/')[1]);
      const entry = l.get(ref) ?? { open: 0, lastAssignedAt: null };
      l.set(ref, { open: entry.open + 1, lastAssignedAt: at });
    }
    // Only a and b handle consult; with equal loads the one assigned least recently goes next.
    expect(picks).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a']);
  });
});

describe('StaticAgentDirectory', () => {
  it('returns the configured agents at any instant', async () => {
    const agents = [agent('a', ['seal']), agent('b')];
    const directory: AgentDirectory = new StaticAgentDirectory(agents);
    const empty: AgentDirectory = new StaticAgentDirectory([]);
    expect(await directory.onDuty(new Date('2026-10-01T00:00:00Z'))).toEqual(agents);
    expect(await empty.onDuty(new Date())).toEqual([]);
  });
});
