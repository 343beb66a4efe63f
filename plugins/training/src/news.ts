import { LABELS, TRAINING_NEWS_EVENT, type TrainingNewsEvent } from '@yinxin/plugin-training-common';
import { cstSpan } from './sessions';

/** The news of a realtime message of `training:news`, if it is one. */
export function newsOf(event: string, payload: unknown): TrainingNewsEvent | undefined {
  if (event !== TRAINING_NEWS_EVENT || !payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  if (p.kind === 'material-published' && typeof p.materialId === 'string' && typeof p.title === 'string') return p as unknown as TrainingNewsEvent;
  if (p.kind === 'session-scheduled' && typeof p.sessionId === 'string' && typeof p.title === 'string' && typeof p.startsAt === 'string' && typeof p.endsAt === 'string') {
    return p as unknown as TrainingNewsEvent;
  }
  return undefined;
}

/** Where the news leads in the training page. */
export function newsPath(n: TrainingNewsEvent): string {
  return n.kind === 'material-published' ? `/training/library/${n.materialId}` : `/training/sessions/${n.sessionId}`;
}

/** The news as one line in `lang`. */
export function newsText(n: TrainingNewsEvent, lang: 'zh' | 'en'): string {
  if (n.kind === 'material-published') {
    return lang === 'zh' ? `新资料已发布：${n.title}` : `New material published: ${n.title}`;
  }
  const mode = LABELS.sessionMode[n.mode]?.[lang] ?? '';
  const span = cstSpan(n.startsAt, n.endsAt);
  return lang === 'zh' ? `新培训场次：${n.title}（${span}，${mode}）` : `New session: ${n.title} (${span} China time, ${mode})`;
}
