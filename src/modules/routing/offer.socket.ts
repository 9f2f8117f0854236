import { z } from 'zod';
import type { Socket } from 'socket.io';
import type { UserDto } from '../../contracts/rest.js';
import { AppError } from '../../shared/errors.js';
import { acknowledge } from './presence.socket.js';
import type { RoutingService } from './routing.service.js';
import type { CallControlService } from './call-control.service.js';
import type { PresenceService } from './presence.service.js';

const offerRequest = z.object({ offerId: z.uuid() });
const callSid = z.string().regex(/^CA[0-9a-zA-Z]{32}$/);
const holdRequest = z.object({ callSid, hold: z.boolean() });
const transferRequest = z.object({ callSid, toAgentId: z.uuid() });
const hangupRequest = z.object({ callSid });

function parse<S extends z.ZodType>(schema: S, req: unknown): z.infer<S> {
  const parsed = schema.safeParse(req);
  if (!parsed.success) throw new AppError('validation_failed', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export function registerCallControlHandlers(socket: Socket, control: CallControlService): void {
  const user = socket.data.user as UserDto;
  socket.on('call.hold', (req: unknown, ack: unknown) => acknowledge(ack, async () => {
    const r = parse(holdRequest, req);
    await control.hold(user, r.callSid, r.hold);
  }));
  socket.on('call.transfer', (req: unknown, ack: unknown) => acknowledge(ack, async () => {
    const r = parse(transferRequest, req);
    await control.transfer(user, r.callSid, r.toAgentId);
  }));
  socket.on('call.hangup', (req: unknown, ack: unknown) => acknowledge(ack, async () => control.hangup(user, parse(hangupRequest, req).callSid)));
}

export function registerOfferHandlers(socket: Socket, routing: RoutingService, presence: PresenceService): void {
  const user = socket.data.user as UserDto;
  // A console that connects (or reconnects) learns where its agent stands and any offer waiting.
  void (async () => {
    const own = await presence.current(user.id);
    if (own) socket.emit('presence.changed', own);
    const offer = await routing.standingOffer(user.id);
    if (offer) socket.emit('offer.created', offer);
  })().catch(() => undefined);
  const parse = (req: unknown) => {
    const parsed = offerRequest.safeParse(req);
    if (!parsed.success) throw new AppError('validation_failed', 'offerId must be the id of an offer');
    return parsed.data.offerId;
  };
  socket.on('offer.accept', (req: unknown, ack: unknown) => acknowledge(ack, async () => routing.accept(user, parse(req))));
  socket.on('offer.decline', (req: unknown, ack: unknown) => acknowledge(ack, async () => routing.decline(user, parse(req))));
}
