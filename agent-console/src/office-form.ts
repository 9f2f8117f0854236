// An office as the admin edits it: text inputs for lists (jurisdiction, e-mail recipients), and
// back to what PUT /api/offices/:id takes, sending only what changed.
import type { DeliveryChannel, FieldIssue } from '../../src/contracts/index.js';
import type { OfficeDetailDto, OfficeUpdate } from './escalation-api.js';

export interface OfficeForm {
  name: string;
  kind: OfficeDetailDto['kind'];
  country: string;
  city: string;
  jurisdiction: string;
  address: string;
  phone: string;
  contact: string;
  hours: string;
  timeZone: string;
  channels: DeliveryChannel[];
  webhookUrl: string;
  emailTo: string;
  smsTo: string;
  department: string;
}

export type OfficeField = keyof OfficeForm;

export function toOfficeForm(o: OfficeDetailDto): OfficeForm {
  return {
    name: o.name, kind: o.kind, country: o.country, city: o.city ?? '', jurisdiction: o.jurisdiction.join(', '), address: o.address ?? '',
    phone: o.phone ?? '', contact: o.contact ?? '', hours: o.hours ?? '', timeZone: o.timeZone ?? '', channels: o.channels,
    webhookUrl: o.webhookUrl ?? '', emailTo: o.emailTo.join(', '), smsTo: o.smsTo ?? '', department: o.department ?? '',
  };
}

const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());
const items = (v: string): string[] => v.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);
const CHANNEL_ORDER: DeliveryChannel[] = ['inbox', 'webhook', 'email', 'sms'];

/** What each form field becomes in the request: trimmed, empty as null, lists split, codes in capitals. */
function valueOf(form: OfficeForm, key: OfficeField): unknown {
  switch (key) {
    case 'name': return form.name.trim();
    case 'kind': return form.kind;
    case 'country': return form.country.trim().toUpperCase();
    case 'jurisdiction': return items(form.jurisdiction).map((c) => c.toUpperCase());
    case 'emailTo': return items(form.emailTo);
    // The inbox is always on: the escalation itself is what the console shows.
    case 'channels': return CHANNEL_ORDER.filter((c) => c === 'inbox' || form.channels.includes(c));
    default: return text(form[key]);
  }
}

/** Only the fields that differ from the office as stored: each change is audited, so unchanged ones are not sent. */
export function officePatch(base: OfficeDetailDto, form: OfficeForm): OfficeUpdate {
  const stored = toOfficeForm(base);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(form) as OfficeField[]) {
    const next = valueOf(form, key);
    if (JSON.stringify(next) !== JSON.stringify(valueOf(stored, key))) patch[key] = next;
  }
  return patch as OfficeUpdate;
}

/**
 * The fields a refusal (422) names. The office routes answer with one message, "Invalid input
 * (webhookUrl: Invalid URL; emailTo.0: Invalid email address)" or "smsTo: required for the SMS
 * channel", rather than with `error.fields`; both are read, and `fields` wins when present.
 */
export function officeProblems(message: string, fields: readonly FieldIssue[] = []): Partial<Record<OfficeField, string>> {
  const out: Partial<Record<OfficeField, string>> = {};
  const add = (path: string, text: string) => {
    const key = path.split('.')[0] as OfficeField;
    out[key] = out[key] ? `${out[key]} ${text}` : text;
  };
  if (fields.length) {
    for (const f of fields) add(f.path, f.message);
    return out;
  }
  const inner = /^Invalid input \(([\s\S]*)\)$/.exec(message)?.[1] ?? message;
  for (const part of inner.split('; ')) {
    const m = /^([A-Za-z]+(?:\.\d+)?): ([\s\S]*)$/.exec(part);
    if (m?.[1] && m[2] !== undefined) add(m[1], m[2]);
  }
  return out;
}
