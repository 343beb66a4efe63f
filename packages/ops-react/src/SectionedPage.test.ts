import { sectionOf } from './SectionedPage';

describe('sectionOf', () => {
  const sections = ['applications', 'registry', 'use-requests', 'use'] as const;

  it('finds the section of a path, on its page or below it', () => {
    expect(sectionOf('/seal/registry', '/seal', sections)).toBe('registry');
    expect(sectionOf('/seal/registry/0f8f/change', '/seal', sections)).toBe('registry');
    expect(sectionOf('/seal/use', '/seal', sections)).toBe('use');
    expect(sectionOf('/seal/use-requests', '/seal', sections)).toBe('use-requests');
  });

  it('finds none elsewhere', () => {
    expect(sectionOf('/seal', '/seal', sections)).toBeUndefined();
    expect(sectionOf('/seal/usage', '/seal', sections)).toBeUndefined();
    expect(sectionOf('/ca/registry', '/seal', sections)).toBeUndefined();
  });
});
