import type { Messages } from './i18n.js';
import { fieldLabel, labelOf } from './case-labels.js';

/**
 * A packet path the server names as missing ('location.state', 'narrative.narrative',
 * 'location.facilityName|location.aNumber' for "one of these"), in the case editor's own words.
 */
export function missingLabel(t: Messages, path: string): string {
  return path.split('|').map((one) => oneLabel(t, one)).join(` ${t.esc.or} `);
}

function oneLabel(t: Messages, path: string): string {
  const draftPath = editorPathOf(path);
  if (draftPath.startsWith('situation.')) return `${t.cw.sections.situation}: ${fieldLabel(t, draftPath)}`;
  if (draftPath.startsWith('categoryFields.')) return `${t.cw.sections.categoryFields}: ${fieldLabel(t, draftPath)}`;
  return fieldLabel(t, draftPath);
}

/** Where the case editor keeps a packet field: the packet says location and narrative where the case says situation and narrative. */
export function editorPathOf(packetPath: string): string {
  if (packetPath.startsWith('location.')) return `situation.${packetPath.slice('location.'.length)}`;
  if (packetPath.startsWith('narrative.')) return packetPath.slice('narrative.'.length);
  return packetPath;
}

export const withheldLabel = (t: Messages, part: string): string => labelOf(t.esc.withheld, part);
