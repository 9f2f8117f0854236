import type { Transaction } from 'kysely';
import type { CaseDto, CaseEventDto } from '../../contracts/rest.js';
import type { Role } from '../../contracts/domain.js';
import type { EscalationDetailDto, EscalationDto, EscalationPacket, EscalationPreviewDto, OfficeReason, OutcomeCode } from '../../contracts/escalation.js';
import type { Database } from '../../platform/db/schema.js';
import type { Queues } from '../../platform/queue/queues.js';
import { rooms, type EventPublisher } from '../../platform/realtime/events.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';
import type { CasesRepository } from '../cases/index.js';
import { emitCase } from '../cases/index.js';
import type { CaseTexts } from '../messaging/index.js';
import type { SettingsService } from '../settings/index.js';
import { deadlinesFor, reminderAt } from './deadlines.js';
import type { EscalationRow, EscalationsRepository } from './escalations.repository.js';
import type { OfficeDirectory, OfficeRow } from './office-directory.js';
import { officeTimeZone } from './office-suggestion.js';
import { buildPacket } from './packet.js';

export interface Actor { id: string; role: Role; officeId: string | null; name: string }

/** What the consulate (or the hotline, for notes and answers) does to an escalation. */
export type EscalationAction =
  | { type: 'ack' }
  | { type: 'action'; text: string }
  | { type: 'note'; text: string }
  | { type: 'info_request'; text: string }
  | { type: 'info'; text: string }
  | { type: 'close'; outcome: OutcomeCode; note: string | null };

export interface EscalationServiceDeps {
  repo: EscalationsRepository;
  cases: CasesRepository;
  /** The case as the packet needs it (personal data included), without counting as a view. */
  caseForPacket: (caseId: string) => Promise<{ kase: CaseDto; timeline: CaseEventDto[]; callerPhone: string | null }>;
  offices: OfficeDirectory;
  settings: SettingsService;
  queues: Queues;
  events: EventPublisher;
  texts: Pick<CaseTexts, 'escalationUpdate'>;
  clock: Clock;
  logger: Logger;
  hotlineTimeZone: string;
  delivery: { attempts: number; retryBaseMs: number };
  /** A delivery still pending this long after it was written was never queued: the sweep queues it. */
  sweepGraceMs: number;
}

export const toEscalationDto = (r: EscalationRow): EscalationDto => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: r.case_number,
  officeId: r.office_id,
  officeName: r.office_name,
  status: r.status as EscalationDto['status'],
  priority: r.priority as EscalationDto['priority'],
  category: r.category as EscalationDto['category'],
  createdAt: r.created_at.toISOString(),
  ackDueAt: r.ack_due_at.toISOString(),
  actionDueAt: r.action_due_at?.toISOString() ?? null,
  acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  firstActionAt: r.first_action_at?.toISOString() ?? null,
  closedAt: r.closed_at?.toISOString() ?? null,
  outcome: r.outcome as OutcomeCode | null,
  outcomeNote: r.outcome_note,
  breaches: [...(r.ack_breached ? ['ack' as const] : []), ...(r.action_breached ? ['action' as const] : [])],
  version: r.version,
});

/** Which side may do what: the office works the escalation; the hotline answers and adds notes. */
const OFFICE_ACTIONS = new Set<EscalationAction['type']>(['ack', 'action', 'note', 'info_request', 'close']);
const HOTLINE_ACTIONS = new Set<EscalationAction['type']>(['note', 'info']);

/**
 * Escalations from the case to the office and back: the packet, its deliveries on every channel the
 * office uses, the deadlines (delayed jobs that survive restarts), and each step on the case timeline.
 */
export function createEscalationService(deps: EscalationServiceDeps) {
  const { repo } = deps;

  async function publish(id: string) {
    const row = await repo.find(id);
    if (!row) return;
    const dto = toEscalationDto(row);
    // The office sees its escalations; agents and supervisors see all. Never the case itself.
    deps.events.emit(rooms.office(row.office_id), 'escalation.updated', dto);
    for (const role of ['agent', 'supervisor'] as const) deps.events.emit(rooms.role(role), 'escalation.updated', dto);
    const kase = await deps.cases.findSummary(row.case_id);
    if (kase) emitCase(deps.events, 'case.updated', kase);
  }

  async function plan(caseId: string, officeId: string | null) {
    const { kase, timeline, callerPhone } = await deps.caseForPacket(caseId);
    const suggestion = await deps.offices.suggestFor({
      country: kase.situation.country ?? null, state: kase.situation.state ?? null, location: kase.location,
      originDepartment: kase.affected?.originDepartment ?? null, category: kase.category, referral: kase.categoryFields.referral ?? null,
    });
    const office = officeId ? await deps.offices.find(officeId) : (suggestion?.office ?? null);
    if (officeId && !office) throw new AppError('validation_failed', `officeId: no office ${officeId}`);
    return { kase, timeline, callerPhone, suggestion, office };
  }

  function packetFor(p: Awaited<ReturnType<typeof plan>>, office: OfficeRow, agentName: string, sentAt: Date, deadlineSettings: Parameters<typeof deadlinesFor>[0]) {
    const reason: OfficeReason = p.suggestion?.office.id === office.id ? p.suggestion.reason : 'agent';
    const deadlines = deadlinesFor(deadlineSettings, p.kase.priority, sentAt, officeTimeZone(office));
    const built = buildPacket({
      kase: p.kase, timeline: p.timeline, office: { id: office.id, name: office.name }, officeReason: reason, agentName,
      callerPhone: p.callerPhone, deadlines, hotlineTimeZone: deps.hotlineTimeZone,
    });
    return { ...built, reason, deadlines };
  }

  async function scheduleDeadlines(id: string, sentAt: Date, due: { ackDueAt: Date; actionDueAt: Date | null }, remindShare: number) {
    const now = deps.clock.now().getTime();
    const at = (d: Date) => ({ delay: Math.max(0, d.getTime() - now) });
    const jobs: { which: 'ack' | 'action'; step: 'remind' | 'breach'; when: Date }[] = [
      { which: 'ack', step: 'remind', when: reminderAt(sentAt, due.ackDueAt, remindShare) },
      { which: 'ack', step: 'breach', when: due.ackDueAt },
      ...(due.actionDueAt
        ? [{ which: 'action' as const, step: 'remind' as const, when: reminderAt(sentAt, due.actionDueAt, remindShare) }, { which: 'action' as const, step: 'breach' as const, when: due.actionDueAt }]
        : []),
    ];
    for (const j of jobs) {
      await deps.queues.add('escalationDeadlines', 'deadline', { escalationId: id, which: j.which, step: j.step }, { jobId: `esc-${id}-${j.which}-${j.step}`, ...at(j.when), attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
    }
  }

  /** `again` for a supervisor's retry; otherwise one job per delivery, so a sweep adding it twice adds nothing. */
  async function enqueueDeliveries(ids: string[], again = false) {
    for (const deliveryId of ids) {
      await deps.queues.add('escalationDelivery', 'deliver', { deliveryId }, {
        jobId: again ? `delivery-${deliveryId}-again-${Date.now()}` : `delivery-${deliveryId}`,
        attempts: deps.delivery.attempts,
        backoff: { type: 'exponential', delay: deps.delivery.retryBaseMs },
      });
    }
  }

  /** Deliveries for a step on every outside channel of the office (the inbox is the escalation itself). */
  async function addDeliveries(trx: Transaction<Database> | undefined, escalationId: string, officeId: string, purpose: string, priority: number): Promise<string[]> {
    const office = await deps.offices.channels(officeId, trx ?? repo.db);
    const channels = office.channels.filter((c) => c === 'webhook' || c === 'email' || (c === 'sms' && priority === 1));
    const rows = channels.map((channel) => ({ id: newId(), escalation_id: escalationId, channel, purpose }));
    await repo.addDeliveries(trx ?? repo.db, rows);
    return rows.map((r) => r.id);
  }

  async function loadFor(actor: Actor, id: string, trx?: Transaction<Database>): Promise<EscalationRow> {
    const row = await repo.find(id, trx ? { trx, lock: true } : {});
    // An office asking for another office's escalation learns nothing, not even that it exists.
    if (!row || (actor.role === 'consulate' && row.office_id !== actor.officeId)) throw new AppError('not_found', 'Escalation not found');
    return row;
  }

  return {
    async preview(caseId: string, officeId: string | null, agentName: string): Promise<EscalationPreviewDto> {
      const p = await plan(caseId, officeId);
      const suggestion = p.suggestion ? { officeId: p.suggestion.office.id, officeName: p.suggestion.office.name, reason: p.suggestion.reason, explanation: p.suggestion.explanation } : null;
      if (!p.office) return { suggestion, officeId: null, packet: null, missing: [] };
      const { escalationDeadlines } = await deps.settings.snapshot();
      const built = packetFor(p, p.office, agentName, deps.clock.now(), escalationDeadlines);
      return { suggestion, officeId: p.office.id, packet: built.packet, missing: built.missing };
    },

    async escalate(actor: Actor, caseId: string, req: { officeId: string; sendIncomplete?: boolean }): Promise<EscalationDto> {
      const p = await plan(caseId, req.officeId);
      const office = p.office as OfficeRow;
      const sentAt = deps.clock.now();
      const { escalationDeadlines } = await deps.settings.snapshot();
      const built = packetFor(p, office, actor.name, sentAt, escalationDeadlines);
      if (built.missing.length && !req.sendIncomplete) {
        throw new AppError('validation_failed', `The case lacks what the office needs: ${built.missing.join(', ')}`, {
          details: built.missing.map((path) => ({ path, problem: 'required', message: path })),
        });
      }
      const id = newId();
      const deliveryIds = await repo.transaction(async (trx) => {
        const current = await deps.cases.findFull(caseId, { trx, lock: true });
        if (!current || current.merged_into || current.non_data || current.anonymised_at) throw new AppError('conflict', 'This case cannot be escalated');
        if (current.status === 'resolved' || current.status === 'closed') throw new AppError('conflict', 'Reopen the case before escalating it');
        try {
          await repo.insert(trx, {
            id, case_id: caseId, office_id: office.id, priority: current.priority, packet: JSON.stringify(built.packet), office_reason: built.reason,
            created_by: actor.id, created_at: sentAt, ack_due_at: built.deadlines.ackDueAt, action_due_at: built.deadlines.actionDueAt,
          });
        } catch (e) {
          if ((e as { code?: string }).code === '23505') throw new AppError('conflict', 'This case already has an open escalation to that office');
          throw e;
        }
        await repo.addEvent(trx, id, 'sent', actor.id, { incomplete: built.missing });
        await deps.cases.update(trx, caseId, { status: 'escalated', version: current.version + 1 });
        if (current.status !== 'escalated') await deps.cases.addEvent(trx, caseId, 'status.changed', actor.id, { from: current.status, to: 'escalated' });
        await deps.cases.addEvent(trx, caseId, 'escalation.sent', actor.id, { escalationId: id, officeId: office.id, officeName: office.name, reason: built.reason, missing: built.missing });
        await deps.cases.audit(trx, caseId, actor.id, 'escalate', [office.id]);
        return addDeliveries(trx, id, office.id, 'packet', current.priority);
      });
      await enqueueDeliveries(deliveryIds);
      await scheduleDeadlines(id, sentAt, built.deadlines, escalationDeadlines.remindAt);
      const row = (await repo.find(id)) as EscalationRow;
      const dto = toEscalationDto(row);
      deps.events.emit(rooms.office(office.id), 'escalation.created', dto);
      for (const role of ['agent', 'supervisor'] as const) deps.events.emit(rooms.role(role), 'escalation.created', dto);
      const kase = await deps.cases.findSummary(caseId);
      if (kase) emitCase(deps.events, 'case.updated', kase);
      deps.logger.info({ escalationId: id, officeId: office.id, priority: row.priority }, 'case escalated');
      return dto;
    },

    async list(actor: Actor, filter: { caseId?: string; open?: boolean; breached?: boolean; officeId?: string }): Promise<EscalationDto[]> {
      const officeId = actor.role === 'consulate' ? (actor.officeId ?? '—') : filter.officeId;
      return (await repo.list({ ...filter, ...(officeId ? { officeId } : {}), limit: 500 })).map(toEscalationDto);
    },

    async detail(actor: Actor, id: string): Promise<EscalationDetailDto> {
      const row = await loadFor(actor, id);
      const [packet, events, deliveries] = await Promise.all([repo.packet(id), repo.events(id), repo.deliveries(id)]);
      return {
        escalation: toEscalationDto(row),
        packet: packet as EscalationPacket,
        events: events.map((e) => ({ kind: e.kind, actorName: e.actor_name ?? null, at: e.at.toISOString(), data: e.data as Record<string, unknown> })),
        deliveries: deliveries.map((d) => ({ id: d.id, channel: d.channel as 'webhook', purpose: d.purpose, status: d.status as 'pending', attempts: d.attempts, lastError: d.last_error })),
      };
    },

    async act(actor: Actor, id: string, action: EscalationAction): Promise<EscalationDto> {
      const allowed = actor.role === 'consulate' ? OFFICE_ACTIONS : HOTLINE_ACTIONS;
      if (!allowed.has(action.type)) throw new AppError('forbidden', actor.role === 'consulate' ? 'Only the hotline does this' : 'Only the office does this');
      const now = deps.clock.now();
      const deliveryIds = await repo.transaction(async (trx) => {
        const row = await loadFor(actor, id, trx);
        if (row.status === 'closed') throw new AppError('conflict', 'This escalation is closed');
        const set: Parameters<EscalationsRepository['update']>[2] = {};
        const acknowledge = () => {
          if (!row.acknowledged_at) Object.assign(set, { acknowledged_at: now });
        };
        let caseEvent: { kind: string; data: Record<string, unknown> };
        switch (action.type) {
          case 'ack':
            if (row.acknowledged_at) throw new AppError('conflict', 'Already acknowledged');
            acknowledge();
            Object.assign(set, { status: 'acknowledged' });
            caseEvent = { kind: 'escalation.acknowledged', data: {} };
            break;
          case 'action':
            acknowledge();
            Object.assign(set, { status: 'in_progress', ...(row.first_action_at ? {} : { first_action_at: now }) });
            caseEvent = { kind: 'escalation.action', data: { text: action.text } };
            break;
          case 'note':
            caseEvent = { kind: 'escalation.note', data: { text: action.text, side: actor.role === 'consulate' ? 'office' : 'hotline' } };
            break;
          case 'info_request':
            acknowledge();
            Object.assign(set, { status: 'info_requested' });
            caseEvent = { kind: 'escalation.info_requested', data: { text: action.text } };
            break;
          case 'info':
            if (row.status !== 'info_requested') throw new AppError('conflict', 'The office has not asked for information');
            Object.assign(set, { status: row.first_action_at ? 'in_progress' : 'acknowledged' });
            caseEvent = { kind: 'escalation.info_provided', data: { text: action.text } };
            break;
          case 'close':
            acknowledge();
            Object.assign(set, { status: 'closed', closed_at: now, outcome: action.outcome, outcome_note: action.note, ...(row.first_action_at ? {} : { first_action_at: now }) });
            caseEvent = { kind: 'escalation.closed', data: { outcome: action.outcome, note: action.note } };
            break;
        }
        await repo.update(trx, id, set);
        const side = actor.role === 'consulate' ? 'office' : 'hotline';
        await repo.addEvent(trx, id, action.type, actor.id, 'text' in action ? { text: action.text, side } : action.type === 'close' ? { outcome: action.outcome, note: action.note, side } : { side });
        await deps.cases.addEvent(trx, row.case_id, caseEvent.kind, actor.id, { escalationId: id, officeName: row.office_name, ...caseEvent.data });
        await deps.cases.update(trx, row.case_id, {});
        // The hotline's answers reach the office on its channels too.
        return action.type === 'info' || (action.type === 'note' && actor.role !== 'consulate') ? addDeliveries(trx, id, row.office_id, action.type, row.priority) : [];
      });
      await enqueueDeliveries(deliveryIds);
      await publish(id);
      return toEscalationDto((await repo.find(id)) as EscalationRow);
    },

    /** The agent chooses to tell the caller where their case stands with the office. */
    async notifyCaller(actor: Actor, id: string): Promise<void> {
      const row = await loadFor(actor, id);
      const { kase, callerPhone } = await deps.caseForPacket(row.case_id);
      const phone = kase.requester?.phone ?? callerPhone;
      if (!phone) throw new AppError('validation_failed', 'This case has no number to text');
      const version = row.version;
      await deps.texts.escalationUpdate({ id: row.case_id, number: row.case_number, language: kase.language, phone }, row.status as EscalationDto['status'], row.outcome, `${id}-v${version}`);
      await repo.addEvent(repo.db, id, 'caller_notified', actor.id);
      await publish(id);
    },

    /** A delayed job at a deadline: remind the office, or tell supervisors it was missed. */
    async deadline(escalationId: string, which: 'ack' | 'action', step: 'remind' | 'breach'): Promise<'done' | 'not_due' | 'met'> {
      const row = await repo.find(escalationId);
      if (!row || row.status === 'closed') return 'met';
      const met = which === 'ack' ? row.acknowledged_at : row.first_action_at;
      if (met) return 'met';
      const due = which === 'ack' ? row.ack_due_at : (row.action_due_at as Date);
      const { escalationDeadlines } = await deps.settings.snapshot();
      const when = step === 'breach' ? due : reminderAt(row.created_at, due, escalationDeadlines.remindAt);
      // Delays count on this process's clock; a job early by the clock's reckoning waits again.
      if (deps.clock.now() < when) return 'not_due';
      const flag = `${which}_${step === 'breach' ? 'breached' : 'reminded'}` as const;
      if (row[flag]) return 'done';
      const deliveryIds = await repo.transaction(async (trx) => {
        await repo.update(trx, escalationId, { [flag]: true });
        await repo.addEvent(trx, escalationId, step === 'breach' ? `${which}_breached` : `${which}_reminder`, null, { due: due.toISOString() });
        await deps.cases.addEvent(trx, row.case_id, step === 'breach' ? 'escalation.breach' : 'escalation.reminder', 'system', { escalationId, officeName: row.office_name, which, due: due.toISOString() });
        return step === 'remind' ? addDeliveries(trx, escalationId, row.office_id, `${which}_reminder`, row.priority) : [];
      });
      await enqueueDeliveries(deliveryIds);
      if (step === 'breach') {
        deps.events.emit(rooms.role('supervisor'), 'escalation.alert', { kind: which === 'ack' ? 'ack_breach' : 'action_breach', escalationId, caseNumber: row.case_number, officeName: row.office_name, at: deps.clock.now().toISOString() });
        deps.logger.warn({ escalationId, which }, 'escalation deadline missed');
      }
      await publish(escalationId);
      return 'done';
    },

    /** Re-arms a deadline job that ran early by this clock (jobs are precise; clocks in tests are not). */
    async rescheduleDeadline(escalationId: string, which: 'ack' | 'action', step: 'remind' | 'breach'): Promise<void> {
      const row = await repo.find(escalationId);
      if (!row) return;
      const due = which === 'ack' ? row.ack_due_at : row.action_due_at;
      if (!due) return;
      const { escalationDeadlines } = await deps.settings.snapshot();
      const when = step === 'breach' ? due : reminderAt(row.created_at, due, escalationDeadlines.remindAt);
      await deps.queues.add('escalationDeadlines', 'deadline', { escalationId, which, step }, {
        jobId: `esc-${escalationId}-${which}-${step}-${when.getTime()}-${Date.now()}`,
        delay: Math.max(1000, when.getTime() - deps.clock.now().getTime()),
      });
    },

    /**
     * Job, every repair period: what was written but not yet queued when a process stopped between the two
     * (deliveries still pending, deadlines of open escalations) is queued again. Job ids make it idempotent.
     */
    async sweep(): Promise<{ deliveries: number; escalations: number }> {
      const pending = await repo.stalledDeliveries(new Date(deps.clock.now().getTime() - deps.sweepGraceMs));
      await enqueueDeliveries(pending);
      const open = await repo.openForDeadlines();
      const { escalationDeadlines } = await deps.settings.snapshot();
      for (const e of open) await scheduleDeadlines(e.id, e.created_at, { ackDueAt: e.ack_due_at, actionDueAt: e.action_due_at }, escalationDeadlines.remindAt);
      return { deliveries: pending.length, escalations: open.length };
    },

    publish,
    enqueueDeliveries,
  };
}

export type EscalationService = ReturnType<typeof createEscalationService>;
