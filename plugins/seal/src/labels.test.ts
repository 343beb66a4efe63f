import { SEAL_ACTIONS, SEAL_STATUSES, SEAL_TEMPLATE_KINDS, SEAL_TYPES, KEY_MODES, OWNER_KINDS, USE_REQUEST_STATUSES } from '@yinxin/plugin-seal-common';
import { LABELS, SEAL_TONES, VERDICTS, VERIFY_CHECKS, statusAtLabel } from './labels';

type Labels = Record<string, { zh: string; en: string } | undefined>;

/** The values `labels` does not name in both languages. */
const unnamed = (labels: Labels, values: readonly (string | number)[]) => values.filter(v => !labels[v]?.zh.trim() || !labels[v]?.en.trim());

describe('LABELS', () => {
  it('names every value of seal-common in both languages, and nothing else', () => {
    const cases: [Labels, readonly (string | number)[]][] = [
      [LABELS.sealType, SEAL_TYPES],
      [LABELS.sealStatus, SEAL_STATUSES],
      [LABELS.ownerKind, OWNER_KINDS],
      [LABELS.keyMode, KEY_MODES],
      [LABELS.keyModeShort, KEY_MODES],
      [LABELS.templateKind, SEAL_TEMPLATE_KINDS],
      [LABELS.useRequestStatus, USE_REQUEST_STATUSES],
      [LABELS.version, [1, 4]],
      [LABELS.eventAction, [...Object.keys(SEAL_ACTIONS), 'apply', 'change', 'grant', 'policy']],
      [LABELS.reasonAt, ['not-issued', 'not-yet-valid', 'expired', 'suspended', 'lost', 'revoked', 'superseded']],
      [LABELS.verdict, VERDICTS],
      [LABELS.check, VERIFY_CHECKS],
    ];
    for (const [labels, values] of cases) {
      expect(unnamed(labels, values)).toEqual([]);
      expect(Object.keys(labels).sort()).toEqual(values.map(String).sort());
    }
  });

  it('uses the seal types’ own names and the words of the lifecycle', () => {
    expect(LABELS.sealType.official.zh).toBe('法定名称章（公章）');
    expect(LABELS.sealStatus.suspended.zh).toBe('已停用');
    expect(LABELS.verdict.indeterminate.zh).toBe('无法确定');
    expect(statusAtLabel('not-issued').zh).toBe('未启用');
    expect(statusAtLabel('revoked').zh).toBe('已注销');
  });

  it('gives every seal status a tone, waiting ones amber and dead ones red or grey', () => {
    expect(SEAL_TONES.suspended).toBe('wait');
    expect(SEAL_TONES.lost).toBe('bad');
    expect(SEAL_TONES.made).toBe('wait');
  });
});
