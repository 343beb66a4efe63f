import { Chip } from '@material-ui/core';

/** How a status looks: green for done and valid, amber for waiting, red for refused and revoked. */
export type Tone = 'ok' | 'wait' | 'bad' | 'neutral';

const TONE_COLOURS: Record<Tone, { background: string; color: string }> = {
  ok: { background: '#e3f4e6', color: '#1b5e20' },
  wait: { background: '#fff4d6', color: '#7a4f00' },
  bad: { background: '#fde4e1', color: '#a61b0e' },
  neutral: { background: '#eceff1', color: '#37474f' },
};

/** The tone of the status words the plugins share; a plugin passes `tone` for its own words. */
const TONES: Record<string, Tone> = {
  good: 'ok',
  issued: 'ok',
  active: 'ok',
  answered: 'ok',
  released: 'ok',
  approved: 'ok',
  verified: 'ok',
  valid: 'ok',
  done: 'ok',
  submitted: 'wait',
  pending: 'wait',
  hold: 'wait',
  'awaiting-certificate': 'wait',
  indeterminate: 'wait',
  rejected: 'bad',
  failed: 'bad',
  revoked: 'bad',
  invalid: 'bad',
  expired: 'neutral',
  retired: 'neutral',
};

/** The tone of a status word: from `tones` when given, else the shared table, else neutral. */
export function toneOf(status: string, tones?: Readonly<Record<string, Tone>>): Tone {
  return tones?.[status] ?? TONES[status] ?? 'neutral';
}

/**
 * A small coloured chip with a status's label; `data-status` carries the raw value for tests.
 * `tones` names the tone of a plugin's own status words.
 */
export function StatusChip(props: { status: string; label: string; testId?: string; tones?: Readonly<Record<string, Tone>> }) {
  return (
    <Chip
      size="small"
      label={props.label}
      data-status={props.status}
      data-testid={props.testId}
      style={{ ...TONE_COLOURS[toneOf(props.status, props.tones)], fontWeight: 500 }}
    />
  );
}
