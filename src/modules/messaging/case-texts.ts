import type { CaseStatus, Language } from '../../contracts/domain.js';
import type { Queues } from '../../platform/queue/queues.js';
import type { SettingsService } from '../settings/index.js';

const STATUS_WORDS: Record<CaseStatus, Record<Language, string>> = {
  new: { es: 'recibido', en: 'received' },
  in_progress: { es: 'en atención', en: 'in progress' },
  waiting_caller: { es: 'esperando datos de usted', en: 'waiting for information from you' },
  escalated: { es: 'enviado al consulado', en: 'sent to the consulate' },
  resolved: { es: 'resuelto', en: 'resolved' },
  closed: { es: 'cerrado', en: 'closed' },
};

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** Texts to callers about their case, from the templates supervisors edit; sent by the SMS job. */
export function createCaseTexts(deps: { queues: Queues; settings: SettingsService }) {
  const retry = { attempts: 5, backoff: { type: 'exponential', delay: 2000 } } as const;
  const STEP_WORDS: Record<string, Record<Language, string>> = {
    sent: { es: 'enviado al consulado', en: 'sent to the consulate' },
    acknowledged: { es: 'el consulado lo recibió', en: 'the consulate received it' },
    in_progress: { es: 'el consulado está actuando', en: 'the consulate is acting on it' },
    info_requested: { es: 'el consulado necesita más información', en: 'the consulate needs more information' },
    closed: { es: 'el consulado terminó su gestión', en: 'the consulate has finished' },
  };
  return {
    /** Once per case: the job id makes a repeated webhook harmless. */
    async caseOpened(c: { id: string; number: string; language: string; phone: string | null }): Promise<boolean> {
      const { sms } = await deps.settings.snapshot();
      if (!sms.sendOnCaseOpened || !c.phone) return false;
      const body = fill(sms.templates.caseOpened[c.language as Language] ?? sms.templates.caseOpened.es, { caseNumber: c.number });
      await deps.queues.add('sms', 'send-sms', { to: c.phone, body, caseId: c.id, purpose: 'case-opened' }, { jobId: `case-opened-${c.id}`, ...retry });
      return true;
    },

    async statusChanged(c: { id: string; number: string; language: string; phone: string }, status: CaseStatus, version: number): Promise<void> {
      const { sms } = await deps.settings.snapshot();
      const lang = (c.language === 'en' ? 'en' : 'es') as Language;
      const body = fill(sms.templates.statusChanged[lang], { caseNumber: c.number, status: STATUS_WORDS[status][lang] });
      await deps.queues.add('sms', 'send-sms', { to: c.phone, body, caseId: c.id, purpose: `status:${status}` }, { jobId: `case-status-${c.id}-v${version}`, ...retry });
    },

    /** Where the case stands with the office; `key` makes a double click send one text. */
    async escalationUpdate(c: { id: string; number: string; language: string; phone: string }, status: string, _outcome: string | null, key: string): Promise<void> {
      const { sms } = await deps.settings.snapshot();
      const lang = (c.language === 'en' ? 'en' : 'es') as Language;
      const step = STEP_WORDS[status]?.[lang] ?? status;
      const body = fill(sms.templates.escalationUpdate[lang], { caseNumber: c.number, step });
      await deps.queues.add('sms', 'send-sms', { to: c.phone, body, caseId: c.id, purpose: `escalation:${status}` }, { jobId: `escalation-text-${key}`, ...retry });
    },
  };
}

export type CaseTexts = ReturnType<typeof createCaseTexts>;
