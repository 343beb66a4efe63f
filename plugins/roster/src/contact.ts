import { maskContact, type Contact } from '@yinxin/plugin-roster-common';

/** Contact details as shown to the user. */
export interface ContactView {
  phone: string;
  email?: string;
  /** True when masked: the full details are for the people's managers only. */
  masked: boolean;
  /** A `tel:` link, only for unmasked numbers. */
  href?: string;
}

/**
 * The contact details to show: as the server sent them, masked again in the browser if the server
 * sent them in full to someone who may not manage people (defence in depth; never unmasks).
 */
export function contactView(contact: Contact | undefined, masked: boolean | undefined, mayManagePeople: boolean): ContactView | undefined {
  if (!contact) return undefined;
  if (masked || !mayManagePeople) {
    // A masked number has asterisks already; masking it again would lose its visible digits.
    const shown = masked ? contact : maskContact(contact);
    return { ...shown, masked: true };
  }
  const digits = contact.phone.replace(/[^0-9+]/g, '');
  return { ...contact, masked: false, href: digits ? `tel:${digits}` : undefined };
}

/** The contact details as one line: `138****5678 · z***@example.com`. */
export function contactLine(view: ContactView | undefined): string {
  if (!view) return '';
  return [view.phone, view.email].filter(Boolean).join(' · ');
}
