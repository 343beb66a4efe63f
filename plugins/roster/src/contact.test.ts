import { contactLine, contactView } from './contact';

describe('contact display', () => {
  it('shows managers the details in full with a tel: link', () => {
    expect(contactView({ phone: '138-1234-5678', email: 'zhang.san@example.com' }, false, true)).toEqual({
      phone: '138-1234-5678',
      email: 'zhang.san@example.com',
      masked: false,
      href: 'tel:13812345678',
    });
  });

  it('keeps what the server masked as it is', () => {
    expect(contactView({ phone: '138****5678', email: 'z***@example.com' }, true, false)).toEqual({ phone: '138****5678', email: 'z***@example.com', masked: true });
    // even for a manager (the server decides)
    expect(contactView({ phone: '138****5678' }, true, true)).toEqual({ phone: '138****5678', masked: true });
  });

  it('masks in the browser what arrives in full for someone who may not see it', () => {
    const view = contactView({ phone: '13812345678', email: 'zhang.san@example.com' }, false, false);
    expect(view).toEqual({ phone: '138****5678', email: 'z***@example.com', masked: true });
    expect(view?.href).toBeUndefined();
    expect(contactLine(view)).toBe('138****5678 · z***@example.com');
  });

  it('shows nothing without details', () => {
    expect(contactView(undefined, undefined, true)).toBeUndefined();
    expect(contactLine(undefined)).toBe('');
    expect(contactLine(contactView({ phone: '0591-8765432' }, false, true))).toBe('0591-8765432');
  });
});
