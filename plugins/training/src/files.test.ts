import { DEFAULT_SIZE_LIMITS } from '@yinxin/plugin-training-common';
import { acceptAttribute, fileProblem, formatBytes, limitsOf, uploadPercent } from './files';

describe('formatBytes', () => {
  it('writes sizes for people', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB');
    expect(formatBytes(-1)).toBe('');
    expect(formatBytes(NaN)).toBe('');
  });
});

describe('fileProblem', () => {
  const limits = limitsOf({ limits: { document: 1000, video: 5000, image: 100 } });

  it('accepts files of an accepted type within the limit of their kind', () => {
    expect(fileProblem({ name: '操作指南.PDF', size: 1000 }, limits)).toBeUndefined();
    expect(fileProblem({ name: 'intro.mp4', size: 4000 }, limits)).toBeUndefined();
  });

  it('refuses unknown extensions, empty and too large files', () => {
    expect(fileProblem({ name: 'setup.exe', size: 10 }, limits)).toEqual({ problem: 'fileTypeNotAllowed' });
    expect(fileProblem({ name: 'noextension', size: 10 }, limits)).toEqual({ problem: 'fileTypeNotAllowed' });
    expect(fileProblem({ name: 'a.pdf', size: 0 }, limits)).toEqual({ problem: 'fileEmpty' });
    expect(fileProblem({ name: 'a.docx', size: 1001 }, limits)).toEqual({ problem: 'fileTooLarge', max: 1000 });
    expect(fileProblem({ name: 'a.png', size: 101 }, limits)).toEqual({ problem: 'fileTooLarge', max: 100 });
  });

  it('uses the default limits until the server has answered', () => {
    expect(limitsOf(undefined)).toEqual(DEFAULT_SIZE_LIMITS);
  });
});

describe('acceptAttribute and uploadPercent', () => {
  it('lists every accepted extension', () => {
    expect(acceptAttribute().split(',')).toEqual(expect.arrayContaining(['.pdf', '.docx', '.pptx', '.doc', '.ppt', '.mp4', '.m4v', '.webm', '.png', '.jpg', '.jpeg']));
  });

  it('bounds the percentage', () => {
    expect(uploadPercent(0, 0)).toBe(0);
    expect(uploadPercent(1, 3)).toBe(33);
    expect(uploadPercent(5, 3)).toBe(100);
  });
});
