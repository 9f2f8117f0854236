import type { Text } from './flow.types.js';

function etaText(seconds: number | null): Text {
  if (seconds === null) return { es: '', en: '' };
  const minutes = Math.ceil(seconds / 60);
  if (minutes <= 1) return { es: 'El tiempo estimado de espera es de menos de un minuto.', en: 'The estimated wait is under a minute.' };
  return { es: `El tiempo estimado de espera es de unos ${minutes} minutos.`, en: `The estimated wait is about ${minutes} minutes.` };
}

function positionText(position: number | null): Text {
  if (position === null) {
    return {
      es: 'Su llamada sigue en espera y será atendida por el próximo agente disponible.',
      en: 'Your call is still waiting and will be answered by the next available agent.',
    };
  }
  if (position === 1) return { es: 'Usted es la próxima persona en ser atendida.', en: 'You are next in line.' };
  return { es: `Su posición en la fila es la número ${position}.`, en: `You are number ${position} in line.` };
}

/**
 * What a waiting caller hears on joining and at every announcement: where they stand, how long
 * it may take, and that they can leave a callback without losing their place. Past the maximum
 * wait they are also offered a voice message.
 */
export function waitAnnouncement(o: { position: number | null; etaSeconds: number | null; overMaxWait: boolean }): Text[] {
  const texts: Text[] = [positionText(o.position), etaText(o.position === null ? null : o.etaSeconds)];
  if (o.overMaxWait) {
    texts.push({
      es: 'Sentimos la larga espera. Para dejar un mensaje de voz, marque 2.',
      en: 'We are sorry for the long wait. To leave a voice message, press 2.',
    });
  }
  texts.push({
    es: 'Para que un agente le devuelva la llamada sin perder su lugar, marque 1. Si prefiere esperar, no cuelgue.',
    en: 'For an agent to call you back without losing your place, press 1. If you prefer to wait, stay on the line.',
  });
  return texts.filter((t) => t.es);
}

/** Kept for the first announcement's simplest form, used by tests and the bench. */
export const positionMessage = positionText;

export const WAIT_MESSAGES = {
  /** For a number turned away (blocked, or too many calls in an hour): never silence, and the way to help. */
  turnedAway: {
    es: 'Hemos recibido muchas llamadas desde su número y no podemos atenderla ahora. Si usted o alguien está en peligro inmediato, cuelgue y llame al 911 del país donde se encuentra. Por favor, intente más tarde.',
    en: 'We have received many calls from your number and cannot take this one now. If you or someone is in immediate danger, hang up and call 911 in the country where you are. Please try again later.',
  } as Text,
  callbackConfirmed: (last4: string): Text => ({
    es: `Le devolveremos la llamada al número terminado en ${last4}, en el orden en que llamó. Mantenga su teléfono disponible. Gracias por llamar a ALHO Voz.`,
    en: `We will call you back on the number ending in ${last4}, in the order you called. Keep your phone available. Thank you for calling ALHO Voz.`,
  }),
  callbackAfterHours: (last4: string): Text => ({
    es: `Un agente le devolverá la llamada al número terminado en ${last4} en cuanto abramos. Gracias por llamar a ALHO Voz.`,
    en: `An agent will call you back on the number ending in ${last4} as soon as we open. Thank you for calling ALHO Voz.`,
  }),
  callbackNoNumber: {
    es: 'No podemos ver su número de teléfono, así que no podemos devolverle la llamada. Para dejar un mensaje de voz, marque 2, o siga en la línea.',
    en: 'We cannot see your phone number, so we cannot call you back. To leave a voice message, press 2, or stay on the line.',
  } as Text,
  voicemailThanks: (caseNumber: string): Text => ({
    es: `Gracias. Recibimos su mensaje. Su número de caso es ${caseNumber}. Un agente le dará seguimiento.`,
    en: `Thank you. We received your message. Your case number is ${caseNumber}. An agent will follow it up.`,
  }),
  voicemailThanksNoCase: {
    es: 'Gracias. Recibimos su mensaje. Un agente le dará seguimiento.',
    en: 'Thank you. We received your message. An agent will follow it up.',
  } as Text,
  onCallUnanswered: {
    es: 'El oficial de protección de turno no pudo atender.',
    en: 'The protection officer on call could not answer.',
  } as Text,
};

/** An office as the IVR reads it: name, address and phone when the directory has them. */
export function officeText(office: { name: string; address: string | null; phone: string | null }): Text {
  const es = [`Le corresponde: ${office.name}.`];
  const en = [`Your office is: ${office.name}.`];
  // Directory addresses carry editors' remarks in brackets ("rest of the address is cut off"): not for callers.
  const address = office.address?.replace(/\s*\([^)]*\)/g, '').replace(/[\s,.]+$/, '');
  if (address) {
    es.push(`Dirección: ${address}.`);
    en.push(`Address: ${address}.`);
  } else {
    es.push('Un agente puede darle la dirección.');
    en.push('An agent can give you the address.');
  }
  if (office.phone) {
    es.push(`Teléfono: ${office.phone}.`);
    en.push(`Phone: ${office.phone}.`);
  }
  return { es: es.join(' '), en: en.join(' ') };
}
