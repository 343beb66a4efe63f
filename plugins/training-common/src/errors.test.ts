import { TRAINING_ERRORS, TRAINING_ERROR_REASONS, trainingErrorMessage } from './errors';

describe('training refusal reasons', () => {
  it('have a message in both languages and a 4xx/5xx status', () => {
    for (const reason of TRAINING_ERROR_REASONS) {
      const m = trainingErrorMessage(reason, {});
      expect(m.zh.length).toBeGreaterThan(2);
      expect(m.en.length).toBeGreaterThan(2);
      expect(m.message).toContain(m.zh);
      expect(m.message).toContain(m.en);
      expect(TRAINING_ERRORS[reason].status).toBeGreaterThanOrEqual(400);
    }
  });

  it('say which trainer requirement fails', () => {
    const m = trainingErrorMessage('TRAINER_NOT_QUALIFIED', { trainerRef: 'user:default/wang', failures: ['experience'], yearsOfExperience: 2 });
    expect(m.zh).toContain('从业经验不少于 3 年（现为 2 年）');
    expect(m.zh).not.toContain('同类项目；');
    expect(m.en).toContain('not met: at least 3 years of experience (has 2)');
    const both = trainingErrorMessage('TRAINER_NOT_QUALIFIED', { failures: ['experience', 'similar-project'] });
    expect(both.en).toContain('at least 3 years of experience; has led a similar project');
  });

  it('name what a disguised file really is', () => {
    const m = trainingErrorMessage('FILE_TYPE_MISMATCH', { fileName: 'manual.pdf', expected: 'pdf', detected: 'exe' });
    expect(m.zh).toContain('Windows 可执行程序');
    expect(m.en).toContain('a Windows executable');
  });
});
