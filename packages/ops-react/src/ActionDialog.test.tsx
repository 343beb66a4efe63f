import { act, fireEvent, render } from '@testing-library/react';
import { ActionDialog, DialogField } from './ActionDialog';
import { ApiCallError } from './api';
import { errorReason } from './errorText';

const q = <E extends Element = HTMLInputElement>(selector: string) => document.body.querySelector<E>(selector)!;

async function confirm(testId: string) {
  await act(async () => {
    fireEvent.click(q(`[data-testid="${testId}-confirm"]`));
  });
}

describe('ActionDialog', () => {
  const fields: DialogField[] = [
    { name: 'who', label: 'Who', kind: 'select', emptyLabel: '(none)', options: [{ value: 'p1', label: 'One' }] },
    { name: 'name', label: 'Name', required: true, hidden: v => !!v.who },
    { name: 'roles', label: 'Roles', kind: 'checks', required: true, options: ['a', 'b', 'c'].map(value => ({ value, label: value.toUpperCase() })) },
    { name: 'end', label: 'End', check: (v, all) => (v < (all.start ?? '') ? 'before the start' : undefined) },
  ];

  it('starts a select with an empty choice on it, leaves out hidden fields and joins checked options in their order', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    const onClose = jest.fn();
    render(<ActionDialog open title="T" testId="x" fields={fields} initial={{ start: 'b', extra: 'kept' }} onSubmit={onSubmit} onClose={onClose} />);
    expect(q<HTMLSelectElement>('select[name="who"]').value).toBe('');
    await confirm('x');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(document.body.textContent).toContain('必填');

    fireEvent.change(q('input[name="name"]'), { target: { value: 'Zhang' } });
    fireEvent.click(q('input[name="roles"][value="c"]'));
    fireEvent.click(q('input[name="roles"][value="a"]'));
    fireEvent.change(q('input[name="end"]'), { target: { value: 'a' } });
    await confirm('x');
    expect(document.body.textContent).toContain('before the start');
    expect(onSubmit).not.toHaveBeenCalled();

    fireEvent.change(q('input[name="end"]'), { target: { value: 'c' } });
    fireEvent.change(q('select[name="who"]'), { target: { value: 'p1' } });
    expect(q('input[name="name"]')).toBeNull();
    await confirm('x');
    expect(onSubmit).toHaveBeenCalledWith({ who: 'p1', roles: 'a,c', end: 'c', start: 'b', extra: 'kept' });
    expect(onClose).toHaveBeenCalled();
  });

  it('refuses to send while `validate` finds a problem', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    render(<ActionDialog open title="T" testId="v" fields={[{ name: 'n', label: 'N' }]} validate={v => ({ n: v.n === '7' ? undefined : 'must be 7' })} onSubmit={onSubmit} onClose={() => {}} />);
    await confirm('v');
    expect(document.body.textContent).toContain('must be 7');
    fireEvent.change(q('input[name="n"]'), { target: { value: '7' } });
    await confirm('v');
    expect(onSubmit).toHaveBeenCalledWith({ n: '7' });
  });

  it('stays open with the server’s own message and its reason when refused', async () => {
    const refusal = new ApiCallError(409, 'SELF_APPROVAL', 'no', { reason: 'SELF_APPROVAL', zh: '不能审批本人参与的换班', en: 'You may not approve a swap you take part in' });
    const onClose = jest.fn();
    render(<ActionDialog open title="T" testId="r" note={<b data-testid="note">n</b>} extra={() => <i data-testid="extra" />} onSubmit={() => Promise.reject(refusal)} onClose={onClose} />);
    expect(q('[data-testid="note"]')).not.toBeNull();
    expect(q('[data-testid="extra"]')).not.toBeNull();
    await confirm('r');
    const error = q('[data-testid="r-error"]');
    expect(error.textContent).toBe('不能审批本人参与的换班');
    expect(error.getAttribute('data-reason')).toBe('SELF_APPROVAL');
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(q('[data-testid="r-cancel"]'));
    expect(onClose).toHaveBeenCalled();
  });
});

describe('errorReason', () => {
  it('is the reason a refusal carries, else undefined', () => {
    expect(errorReason(new ApiCallError(403, 'FORBIDDEN', 'no', { reason: 'SELF_REVIEW', zh: 'x', en: 'y' }))).toBe('SELF_REVIEW');
    expect(errorReason(new ApiCallError(403, 'FORBIDDEN', 'no'))).toBeUndefined();
    expect(errorReason(new Error('x'))).toBeUndefined();
    expect(errorReason(undefined)).toBeUndefined();
    expect(errorReason({ details: 'text' })).toBeUndefined();
  });
});
