import type { EscalationDto, EscalationPacket } from '../../contracts/escalation.js';

const line = (label: string, value: unknown) => (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length) ? null : `${label}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);

/** The packet as an e-mail body, in the order of domain.md's sections. */
export function packetAsText(e: EscalationDto, p: EscalationPacket, purpose: string): string {
  const h = p.header;
  const sections: [string, (string | null)[]][] = [
    ['1. Caso', [line('Número', h.caseNumber), line('Categoría', [h.category, h.subcategory].filter(Boolean).join(' / ')), line('Prioridad', `P${h.priority}${h.priorityReason ? ` (${h.priorityReason})` : ''}`),
      line('Abierto', `${h.createdAtHonduras} (Honduras) · ${h.createdAtUtc} UTC`), line('Agente', h.agentName), line('Oficina', `${h.office.name} (${h.officeReason})`)]],
    ['2. Solicitante', p.requester ? [line('Nombre', p.requester.fullName), line('Relación', p.requester.relationship), line('DNI', p.requester.dni), line('Pasaporte', p.requester.passport), line('Teléfono', p.requester.phone)] : ['(sin consentimiento para compartir)']],
    ['3. Persona afectada', p.affected ? [line('Nombre', p.affected.fullName), line('Alias', p.affected.aliases), line('Sexo', p.affected.sex), line('Nacimiento', p.affected.birthDate), line('DNI', p.affected.dni), line('Pasaporte', p.affected.passport),
      line('Origen', [p.affected.originMunicipality, p.affected.originDepartment].filter(Boolean).join(', ')), line('Vulnerabilidad', p.affected.vulnerabilities), line('Idioma', p.affected.language), line('Intérprete', p.affected.interpreterNeeded ? 'sí' : null)] : ['(sin consentimiento para compartir)']],
    ['4. Ubicación', Object.entries(p.location).map(([k, v]) => line(k, v))],
    ['5. Relato y solicitud', [line('Relato', p.narrative.narrative), line('Solicitud', p.narrative.request), line('Tipo', p.narrative.requestTypes)]],
    ['6. Datos de la categoría', Object.entries(p.categoryFields).map(([k, v]) => line(k, v))],
    ['7. Acciones', p.actionsSoFar.map((a) => `${a.at}: ${a.what}`)],
    ['8. Plazos', [line('Acusar recibo antes de', p.deadlines.acknowledgeBy), line('Primera acción antes de', p.deadlines.firstActionBy)]],
    ['9. Consentimiento', [line('Consulado', p.consent.consulate ? 'sí' : 'no'), line('Autoridades del país', p.consent.hostAuthorities ? 'sí' : 'no'), line('No incluido', p.withheld)]],
  ];
  const intro = purpose === 'packet' ? 'Nuevo escalamiento para su oficina.' : `Aviso (${purpose}) sobre el escalamiento ${e.id}.`;
  return [intro, '', ...sections.flatMap(([title, lines]) => [title, ...lines.filter((l): l is string => l !== null).map((l) => `  ${l}`), ''])].join('\n');
}
