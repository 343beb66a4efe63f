import fc from 'fast-check';
import {
  AUDIENCES,
  FILE_FORMATS,
  FORMAT_INFO,
  LABELS,
  TOPICS,
  VERSION_ACTIONS,
  VERSION_STATES,
  checkTrainer,
  formatOfFileName,
  materialStatusOf,
  nextVersionState,
  sessionPhase,
} from './model';
import { trainingPermissions } from './permissions';

describe('training model', () => {
  it('labels every audience and topic in both languages', () => {
    for (const a of AUDIENCES) expect(LABELS.audience[a].zh && LABELS.audience[a].en).toBeTruthy();
    for (const t of TOPICS) expect(LABELS.topic[t].zh && LABELS.topic[t].en).toBeTruthy();
    expect(LABELS.audience['approval-department'].zh).toBe('审批部门');
    expect(LABELS.audience.agency.zh).toBe('经办机构');
    expect(LABELS.audience['institution-staff'].zh).toBe('事业单位人员');
    expect(LABELS.audience.operator.zh).toBe('运维人员');
    expect(LABELS.topic['usb-key'].zh).toBe('USB-key 使用');
  });

  it('names the permissions exactly as the role grants do', () => {
    expect(trainingPermissions.map(p => p.name).sort()).toEqual(
      [
        'yinxin.training.learn.read',
        'yinxin.training.learn.enrol',
        'yinxin.training.material.write',
        'yinxin.training.material.review',
        'yinxin.training.session.manage',
        'yinxin.training.plan.read',
        'yinxin.training.plan.manage',
        'yinxin.training.trainer.manage',
        'yinxin.training.report.read',
      ].sort(),
    );
  });

  it('finds the format of a file name by its extension, case-insensitively', () => {
    expect(formatOfFileName('培训手册.PDF')).toBe('pdf');
    expect(formatOfFileName('a.b.docx')).toBe('docx');
    expect(formatOfFileName('clip.m4v')).toBe('mp4');
    expect(formatOfFileName('photo.JPG')).toBe('jpeg');
    expect(formatOfFileName('setup.exe')).toBeUndefined();
    expect(formatOfFileName('pdf')).toBeUndefined();
    expect(formatOfFileName('name.')).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...FILE_FORMATS), (stem, f) => {
        expect(formatOfFileName(`${stem}.${FORMAT_INFO[f].extensions[0]}`)).toBe(f);
      }),
    );
  });

  it('moves versions only along the workflow', () => {
    expect(nextVersionState('draft', 'submit')).toBe('in-review');
    expect(nextVersionState('in-review', 'approve')).toBe('published');
    expect(nextVersionState('in-review', 'reject')).toBe('draft');
    expect(nextVersionState('published', 'archive')).toBe('archived');
    expect(nextVersionState('draft', 'approve')).toBeUndefined();
    expect(nextVersionState('archived', 'submit')).toBeUndefined();
    fc.assert(
      fc.property(fc.constantFrom(...VERSION_STATES), fc.array(fc.constantFrom(...VERSION_ACTIONS), { maxLength: 20 }), (start, actions) => {
        // nothing ever leaves archived or superseded, and nothing reaches draft from published
        let s = start;
        for (const a of actions) {
          const n = nextVersionState(s, a);
          if (n === undefined) continue;
          expect(['archived', 'superseded']).not.toContain(s);
          if (s === 'published') expect(['superseded', 'archived']).toContain(n);
          s = n;
        }
      }),
    );
  });

  it('keeps a material published while a newer version is in review', () => {
    expect(materialStatusOf(false, [{ state: 'superseded' }, { state: 'published' }, { state: 'in-review' }])).toBe('published');
    expect(materialStatusOf(false, [{ state: 'in-review' }])).toBe('in-review');
    expect(materialStatusOf(false, [{ state: 'draft' }])).toBe('draft');
    expect(materialStatusOf(true, [{ state: 'archived' }])).toBe('archived');
  });

  it('requires three years AND a similar project of a trainer', () => {
    expect(checkTrainer(undefined)).toEqual({ qualified: false, failures: ['recorded'] });
    expect(checkTrainer({ yearsOfExperience: 3, similarProjects: [{}] }).qualified).toBe(true);
    expect(checkTrainer({ yearsOfExperience: 2.9, similarProjects: [{}] }).failures).toEqual(['experience']);
    expect(checkTrainer({ yearsOfExperience: 10, similarProjects: [] }).failures).toEqual(['similar-project']);
    expect(checkTrainer({ yearsOfExperience: 1, similarProjects: [] }).failures).toEqual(['experience', 'similar-project']);
    expect(checkTrainer({ yearsOfExperience: NaN, similarProjects: [{}] }).qualified).toBe(false);
  });

  it('opens check-in 30 minutes before a session and closes it at the end', () => {
    const s = { status: 'scheduled' as const, startsAt: '2026-12-01T02:00:00.000Z', endsAt: '2026-12-01T04:00:00.000Z' };
    expect(sessionPhase(s, new Date('2026-12-01T01:29:59Z'))).toBe('upcoming');
    expect(sessionPhase(s, new Date('2026-12-01T01:30:00Z'))).toBe('check-in-open');
    expect(sessionPhase(s, new Date('2026-12-01T04:00:00Z'))).toBe('check-in-open');
    expect(sessionPhase(s, new Date('2026-12-01T04:00:01Z'))).toBe('ended');
    expect(sessionPhase({ ...s, status: 'cancelled' }, new Date('2026-12-01T03:00:00Z'))).toBe('cancelled');
  });
});
