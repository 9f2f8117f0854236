import { z } from 'zod';
import type { Socket } from 'socket.io';
import type { UserDto } from '../../contracts/rest.js';
import { AppError } from '../../shared/errors.js';
import { acknowledge } from './presence.socket.js';
import type { RoutingService } from './routing.service.js';

const offerRequest = z.object({ offerId: z.uuid() });

export function registerOfferHandlers(socket: Socket, routing: RoutingService): void {
  const user = socket.data.user as UserDto;
  const parse = (req: unknown) => {
    const parsed = offerRequest.safeParse(req);
    if (!parsed.success) throw new AppError('validation_failed', 'offerId must be the id of an offer');
    return parsed.data.offerId;
  };
  socket.on('offer.accept', (req: unknown, ack: unknown) => acknowledge(ack, async () => routing.accept(user, parse(req))));
  socket.on('offer.decline', (req: unknown, ack: unknown) => acknowledge(ack, async () => routing.decline(user, parse(req))));
}
