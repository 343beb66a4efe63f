import type { Contact } from './model';

/**
 * Masks a phone number for callers who may not see contact details: the first three and last
 * four digits stay (`13812345678` → `138****5678`); shorter numbers keep only their last two
 * characters. Separators other than digits are dropped from the masked form.
 *
 * @param phone - the number as stored
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 2) return '*'.repeat(digits.length);
  if (digits.length >= 7) return `${digits.slice(0, 2)}***${digits.slice(-2)}`;
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/**
 * Masks an e-mail address: the first character of the local part and the domain stay
 * (`zhang.san@example.com` → `z***@example.com`).
 *
 * @param email - the address as stored
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** The contact details with phone and e-mail masked. */
export function maskContact(contact: Contact): Contact {
  return contact.email === undefined
    ? { phone: maskPhone(contact.phone) }
    : { phone: maskPhone(contact.phone), email: maskEmail(contact.email) };
}
