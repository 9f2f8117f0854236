import type { Text } from './flow.types.js';

/** What a waiting caller hears about where they stand. */
export function positionMessage(position: number | null): Text {
  if (position === null) {
    return {
      es: 'Su llamada sigue en espera y será atendida por el próximo agente disponible. Por favor, no cuelgue.',
      en: 'Your call is still waiting and will be answered by the next available agent. Please stay on the line.',
    };
  }
  if (position === 1) {
    return {
      es: 'Usted es la próxima persona en ser atendida. Por favor, no cuelgue.',
      en: 'You are next in line. Please stay on the line.',
    };
  }
  return {
    es: `Su posición en la fila es la número ${position}. Por favor, no cuelgue.`,
    en: `You are number ${position} in line. Please stay on the line.`,
  };
}
