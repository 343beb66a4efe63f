import type { RosterDay } from '@yinxin/plugin-roster-common';
import { overlaps, subtract, type Span } from './intervals';
import { countedHours, employmentSpan, monthWindow, slotsFor, weekWindow, type Slot } from './shifts';
import type { AssignmentLite, HoursRules, LeaveLite, PersonLite, RotationLite, TemplateLite } from './types';
import { weekStart } from '@yinxin/plugin-roster-common';
import type { Zone } from './zone';

/** Input of {@link generateRoster}. */
export interface GenerateInput {
  /** The days whose slots are filled, in order. */
  days: readonly RosterDay[];
  zone: Zone;
  /** Active templates. */
  templates: readonly TemplateLite[];
  people: readonly PersonLite[];
  rotations: readonly RotationLite[];
  leaves: readonly LeaveLite[];
  /**
   * Assignments that stay (overrides, swapped shifts, shifts already started, neighbouring
   * months): they book their person, count towards limits and fill their own slot.
   */
  fixed: readonly AssignmentLite[];
  hours: HoursRules;
  /** Slots starting before this instant are left alone (the past is not rewritten). */
  notBefore?: number;
}

/** An assignment the generator made. */
export interface GeneratedAssignment extends AssignmentLite {
  templateId: string;
}

/** A slot (or part of one) nobody could take. */
export interface UnfilledSlot extends Span {
  templateId: string;
  day: string;
}

/** Output of {@link generateRoster}. */
export interface GenerateResult {
  assignments: GeneratedAssignment[];
  unfilled: UnfilledSlot[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Fills the slots of `days` — a pure, deterministic function of its input.
 *
 * Slots are taken in time order (day, then template `sort`). A slot's candidates are the members
 * of the rotation naming its template (in rotation order; without one, everyone, by joining day,
 * name and id) who hold one of the template's roles and who, for the whole slot, are on the team,
 * not on leave, not booked elsewhere, and stay within the weekly and monthly hour limits. Among
 * them the one with the fewest counted hours in the slot's month takes it; ties go round the
 * rotation, starting after whoever took the template's previous slot. So a rotation turns evenly
 * while the load stays balanced across templates, and the same input always gives the same roster.
 *
 * A slot already filled by fixed assignments of its template and day is left alone; one partly
 * filled (an override covering part of it) gets one engineer for the parts left uncovered.
 */
export function generateRoster(input: GenerateInput): GenerateResult {
  const { zone, hours } = input;
  const people = new Map(input.people.map(p => [p.id, p]));
  const employment = new Map(input.people.map(p => [p.id, employmentSpan(p, zone)]));
  const booked = new Map<string, AssignmentLite[]>();
  for (const a of input.fixed) {
    const list = booked.get(a.personId) ?? [];
    list.push(a);
    booked.set(a.personId, list);
  }
  const leaves = new Map<string, LeaveLite[]>();
  for (const l of input.leaves) {
    const list = leaves.get(l.personId) ?? [];
    list.push(l);
    leaves.set(l.personId, list);
  }

  const everyone = [...input.people].sort((a, b) => byText(a.joinedOn, b.joinedOn) || byText(a.name, b.name) || byText(a.id, b.id));
  const rotations = [...input.rotations].sort((a, b) => byText(a.id, b.id));
  const pools = new Map<string, PersonLite[]>();
  for (const t of input.templates) {
    const rotation = rotations.find(r => r.templateIds.includes(t.id));
    const base = rotation ? rotation.members.map(id => people.get(id)).filter((p): p is PersonLite => !!p) : everyone;
    pools.set(t.id, base.filter(p => p.roles.some(r => t.roles.includes(r))));
  }

  const slots = slotsFor(input.templates, input.days, zone);
  const firstStart = slots.length ? slots[0].start : 0;
  const lastTaker = new Map<string, { personId: string; start: number }>();
  for (const a of input.fixed) {
    if (a.templateId === null || a.start >= firstStart) continue;
    const prev = lastTaker.get(a.templateId);
    if (!prev || a.start > prev.start) lastTaker.set(a.templateId, { personId: a.personId, start: a.start });
  }

  const fits = (person: PersonLite, spans: Span[], slot: Slot): boolean => {
    const job = employment.get(person.id)!;
    const mine = booked.get(person.id) ?? [];
    const off = leaves.get(person.id) ?? [];
    for (const s of spans) {
      if (s.start < job.start || s.end > job.end) return false;
      if (off.some(l => overlaps(l, s))) return false;
      if (mine.some(a => overlaps(a, s))) return false;
    }
    const added: AssignmentLite[] = spans.map(s => ({ ...s, personId: person.id, templateId: slot.templateId, kind: slot.kind, day: slot.day }));
    const all = [...mine, ...added];
    const weeks = new Set<string>();
    const months = new Set<string>();
    for (const s of spans) {
      for (const t of [s.start, s.end - 1]) {
        const day = zone.dayOf(t);
        weeks.add(weekStart(day));
        months.add(day.slice(0, 7));
      }
    }
    for (const w of weeks) if (countedHours(all, weekWindow(w, zone), hours) > hours.weekLimit + 1e-9) return false;
    for (const m of months) if (countedHours(all, monthWindow(m, zone), hours) > hours.monthLimit + 1e-9) return false;
    return true;
  };

  const pick = (slot: Slot, spans: Span[]): PersonLite | undefined => {
    const pool = pools.get(slot.templateId) ?? [];
    const n = pool.length;
    if (!n) return undefined;
    const last = lastTaker.get(slot.templateId);
    const lastIndex = last ? pool.findIndex(p => p.id === last.personId) : -1;
    const pointer = lastIndex < 0 ? 0 : (lastIndex + 1) % n;
    const month = monthWindow(slot.day.slice(0, 7), zone);
    let best: { person: PersonLite; load: number; turn: number } | undefined;
    pool.forEach((person, index) => {
      if (!fits(person, spans, slot)) return;
      const load = Math.round(countedHours(booked.get(person.id) ?? [], month, hours) * 1e6);
      const turn = (index - pointer + n) % n;
      if (!best || load < best.load || (load === best.load && turn < best.turn)) best = { person, load, turn };
    });
    return best?.person;
  };

  const fixedBySlot = new Map<string, AssignmentLite[]>();
  for (const a of input.fixed) {
    if (a.templateId === null) continue;
    const key = `${a.templateId}@${a.day}`;
    const list = fixedBySlot.get(key) ?? [];
    list.push(a);
    fixedBySlot.set(key, list);
  }

  const assignments: GeneratedAssignment[] = [];
  const unfilled: UnfilledSlot[] = [];
  for (const slot of slots) {
    if (input.notBefore !== undefined && slot.start < input.notBefore) continue;
    const same = fixedBySlot.get(`${slot.templateId}@${slot.day}`) ?? [];
    const full = same.filter(a => a.start <= slot.start && a.end >= slot.end);
    const partial = same.filter(a => !(a.start <= slot.start && a.end >= slot.end));
    let needed = slot.headcount - full.length;
    const jobs: Span[][] = [];
    if (needed > 0 && partial.length) {
      const gaps = subtract(slot, partial);
      if (gaps.length) jobs.push(gaps);
      needed--;
    }
    for (let i = 0; i < needed; i++) jobs.push([{ start: slot.start, end: slot.end }]);
    for (const spans of jobs) {
      const person = pick(slot, spans);
      if (!person) {
        for (const s of spans) unfilled.push({ templateId: slot.templateId, day: slot.day, start: s.start, end: s.end });
        continue;
      }
      for (const s of spans) {
        const a: GeneratedAssignment = { personId: person.id, templateId: slot.templateId, kind: slot.kind, day: slot.day, start: s.start, end: s.end };
        assignments.push(a);
        const list = booked.get(person.id) ?? [];
        list.push(a);
        booked.set(person.id, list);
      }
      lastTaker.set(slot.templateId, { personId: person.id, start: slot.start });
    }
  }
  return { assignments, unfilled };
}
