import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { EscalationPacket } from '../../contracts/escalation.js';
import { rooms, type EventPublisher } from '../../platform/realtime/events.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { CasesRepository } from '../cases/index.js';
import { officeWebhookSecret, type DeliveryChannels } from './delivery.channels.js';
import { toEscalationDto, type EscalationService } from './escalation.service.js';
import type { EscalationRow, EscalationsRepository } from './escalations.repository.js';
import { packetAsText } from './packet.text.js';
import type { OfficeSlots } from './office-slots.js';

/**
 * One delivery job: the packet, a reminder or an answer, on one channel of the office. Failures are
 * retried by BullMQ with exponential backoff; the last failure dead-letters it for supervisors. Jobs run
 * many at a time, so one slow office holds one slot, not the queue.
 */
export function createDeliveryService(deps: {
  repo: EscalationsRepository;
  cases: CasesRepository;
  channels: DeliveryChannels;
  escalations: () => EscalationService;
  events: EventPublisher;
  clock: Clock;
  logger: Logger;
  signingSecret: string;
  slots: OfficeSlots;
}) {
  async function send(d: NonNullable<Awaited<ReturnType<EscalationsRepository['delivery']>>>, row: EscalationRow, packet: EscalationPacket) {
    const escalation = toEscalationDto(row);
    if (d.channel === 'webhook') {
      if (!d.webhook_url) throw new AppError('bad_request', 'the office has no webhook URL');
      const body = JSON.stringify({ type: `escalation.${d.purpose}`, deliveryId: d.id, sentAt: deps.clock.now().toISOString(), escalation, packet });
      await deps.channels.webhook({ url: d.webhook_url, secret: officeWebhookSecret(deps.signingSecret, d.office_id), deliveryId: d.id, body });
    } else if (d.channel === 'email') {
      const subject = `[ALHO Voz] P${row.priority} ${row.case_number} · ${row.category}${d.purpose === 'packet' ? '' : ` · ${d.purpose}`}`;
      await deps.channels.email({ to: d.email_to, subject, text: packetAsText(escalation, packet, d.purpose) });
    } else {
      if (!d.sms_to) throw new AppError('bad_request', 'the office has no number for alerts');
      // An alert only: no personal data travels by SMS.
      await deps.channels.sms({ to: d.sms_to, body: `ALHO Voz: caso P${row.priority} ${row.case_number} (${row.category}) para su oficina. Revise la bandeja de escalamientos.` });
    }
  }

  return {
    async deliver(deliveryId: string, job: Job, token?: string): Promise<'delivered' | 'skipped'> {
      const d = await deps.repo.delivery(deliveryId);
      if (!d || d.status !== 'pending') return 'skipped';
      const row = await deps.repo.find(d.escalation_id);
      if (!row) return 'skipped';
      if (!(await deps.slots.take(d.office_id, deliveryId))) {
        // This office already has its share of deliveries in flight: wait a moment, without spending an
        // attempt, and leave the worker slot to other offices.
        await job.moveToDelayed(Date.now() + 250 + Math.floor(Math.random() * 250), token);
        throw new DelayedError();
      }
      const attempt = job.attemptsMade + 1;
      try {
        await send(d, row, (await deps.repo.packet(d.escalation_id)) as EscalationPacket);
      } catch (e) {
        await deps.slots.release(d.office_id, deliveryId);
        const message = (e as Error).message.slice(0, 300);
        const last = attempt >= (job.opts.attempts ?? 1) || (e instanceof AppError && e.code === 'bad_request');
        await deps.repo.markDelivery(deliveryId, { attempts: attempt, last_error: message, ...(last ? { status: 'dead' } : {}) });
        if (!last) throw e;
        await deps.repo.addEvent(deps.repo.db, row.id, 'delivery_dead', null, { channel: d.channel, purpose: d.purpose, attempts: attempt });
        await deps.cases.addEvent(deps.cases.db, row.case_id, 'escalation.delivery_failed', 'system', { escalationId: row.id, officeName: row.office_name, channel: d.channel, attempts: attempt });
        deps.events.emit(rooms.role('supervisor'), 'escalation.alert', { kind: 'dead_letter', escalationId: row.id, caseNumber: row.case_number, officeName: row.office_name, at: deps.clock.now().toISOString() });
        deps.logger.warn({ deliveryId, channel: d.channel, attempts: attempt }, 'escalation delivery dead-lettered');
        await deps.escalations().publish(row.id);
        throw new UnrecoverableError(message);
      }
      await deps.slots.release(d.office_id, deliveryId);
      await deps.repo.markDelivery(deliveryId, { status: 'delivered', attempts: attempt, last_error: null, delivered_at: deps.clock.now() });
      await deps.repo.addEvent(deps.repo.db, row.id, 'delivered', null, { channel: d.channel, purpose: d.purpose, attempts: attempt });
      // Screens showing the escalation see the delivery turn green without reloading.
      await deps.escalations().publish(row.id);
      return 'delivered';
    },

    async deadLetters() {
      return (await deps.repo.deadLetters(200)).map((d) => ({
        id: d.id, channel: d.channel, purpose: d.purpose, attempts: d.attempts, lastError: d.last_error, createdAt: d.created_at.toISOString(),
        escalationId: d.escalation_id, caseNumber: d.case_number, officeName: d.office_name,
      }));
    },

    /** A supervisor sends a dead letter again, once whatever failed is fixed. */
    async retry(deliveryId: string): Promise<void> {
      const d = await deps.repo.delivery(deliveryId);
      if (!d) throw new AppError('not_found', 'Delivery not found');
      if (d.status !== 'dead') throw new AppError('conflict', 'Only dead letters are sent again');
      await deps.repo.markDelivery(deliveryId, { status: 'pending', attempts: 0, last_error: null });
      await deps.escalations().enqueueDeliveries([deliveryId], true);
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
