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

describe('training refusal reasons added for ownership, streaming and sessions', () => {
  it('tell a missing LibreOffice from a failed conversion', () => {
    const missing = trainingErrorMessage('PREVIEW_UNAVAILABLE', {});
    expect(missing.zh).toContain('未安装 LibreOffice');
    expect(missing.en).toContain('not installed');
    const failed = trainingErrorMessage('PREVIEW_UNAVAILABLE', { cause: 'failed', detail: 'exit 1' });
    expect(failed.zh).toContain('转换此文件失败（exit 1）');
    expect(failed.en).toContain('could not convert this file (exit 1)');
    expect(failed.en).not.toContain('not installed');
  });

  it('refuse others’ materials and sessions with FORBIDDEN in both languages', () => {
    for (const reason of ['NOT_YOUR_MATERIAL', 'NOT_YOUR_SESSION', 'STREAM_TOKEN_INVALID', 'STREAM_TOKEN_EXPIRED'] as const) {
      expect([TRAINING_ERRORS[reason].code, TRAINING_ERRORS[reason].status]).toEqual(['FORBIDDEN', 403]);
    }
    expect(trainingErrorMessage('NOT_YOUR_SESSION').zh).toContain('讲师');
    expect(trainingErrorMessage('CERTIFICATE_ISSUED').en).toBe('A certificate has been issued for this attendance');
    expect(trainingErrorMessage('SESSION_PLACE_REQUIRED').zh).toBe('现场培训须填写地点');
    expect(trainingErrorMessage('REQUEST_CLOSED', { status: 'declined' }).zh).toContain('已婉拒');
  });
});
