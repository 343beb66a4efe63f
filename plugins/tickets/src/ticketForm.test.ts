import { EMPTY_TICKET_FORM, TicketForm, ticketRequestBody, validateTicketForm } from './ticketForm';

const valid: TicketForm = { ...EMPTY_TICKET_FORM, title: ' USB-key 被锁 ', category: 'usbkey-unlock', requesterName: '陈经办' };

describe('validateTicketForm', () => {
  it('accepts a complete form', () => {
    expect(validateTicketForm(valid)).toEqual({});
  });

  it('requires a title, a known category and the requester name', () => {
    expect(validateTicketForm(EMPTY_TICKET_FORM)).toEqual({ title: 'required', category: 'required', requesterName: 'required' });
    expect(validateTicketForm({ ...valid, category: 'fax' }).category).toBe('required');
    expect(validateTicketForm({ ...valid, title: '   ' }).title).toBe('required');
  });

  it('limits lengths like the backend', () => {
    expect(validateTicketForm({ ...valid, title: 'x'.repeat(201) }).title).toBe('tooLong');
  });

  it('wants a linked object to have both a type and an id', () => {
    expect(validateTicketForm({ ...valid, linkType: 'certificate' }).linkId).toBe('linkIdMissing');
    expect(validateTicketForm({ ...valid, linkId: '12AB' }).linkType).toBe('required');
  });
});

describe('ticketRequestBody', () => {
  it('trims, and sends a link only when one was given', () => {
    expect(ticketRequestBody(valid)).toMatchObject({ title: 'USB-key 被锁', channel: 'phone', priority: 'normal', kind: 'request', links: [] });
    expect(ticketRequestBody({ ...valid, linkType: 'seal', linkId: ' S-1 ' }).links).toEqual([{ type: 'seal', id: 'S-1' }]);
  });
});
