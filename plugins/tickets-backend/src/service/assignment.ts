import type { Category } from '@yinxin/plugin-tickets-common';

/** An agent who can take tickets. */
export interface Agent {
  /** User entity ref. */
  ref: string;
  /** Categories the agent handles; empty means every category. */
  skills: Category[];
}

/**
 * Who is on duty at an instant. Until the roster plugin supplies it, the configured agent list
 * (`yinxin.tickets.agents`) is used.
 */
export interface AgentDirectory {
  onDuty(at: Date): Promise<Agent[]>;
}

/** An {@link AgentDirectory} over a fixed list. */
export class StaticAgentDirectory implements AgentDirectory {
  constructor(private readonly agents: Agent[]) {}
  async onDuty(): Promise<Agent[]> {
    return this.agents;
  }
}

/**
 * Fair assignment: among agents with the ticket's skill (all agents if none has it), the one with
 * the fewest open tickets; ties go to whoever was assigned least recently, then by name.
 */
export function pickAgent(
  agents: readonly Agent[],
  category: Category,
  load: ReadonlyMap<string, { open: number; lastAssignedAt: string | null }>,
): string | null {
  if (!agents.length) return null;
  const skilled = agents.filter(a => a.skills.length === 0 || a.skills.includes(category));
  const pool = skilled.length ? skilled : agents;
  const ranked = [...pool].sort((a, b) => {
    const la = load.get(a.ref) ?? { open: 0, lastAssignedAt: null };
    const lb = load.get(b.ref) ?? { open: 0, lastAssignedAt: null };
    if (la.open !== lb.open) return la.open - lb.open;
    const ta = la.lastAssignedAt ?? '';
    const tb = lb.lastAssignedAt ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
  });
  return ranked[0].ref;
}
