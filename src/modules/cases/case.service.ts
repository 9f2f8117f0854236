import type { Transaction } from 'kysely';
import type { CaseAuditEntryDto, CaseDetailDto, CaseDto, CaseEventDto, CaseSearchDto, CaseSummaryDto, PersonDto } from '../../contracts/rest.js';
import type { CaseStatus, Language } from '../../contracts/domain.js';
import { canTransition, normalisePhone, type NonDataReason } from '../../contracts/case-fields.js';
import { normalise } from '../../shared/text.js';
import type { Database } from '../../platform/db/schema.js';
import type { EventPublisher } from '../../platform/realtime/events.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { CaseTexts } from '../messaging/index.js';
import { seesPersonalData, toCaseDto, toCaseSummary, toPersonDto, type CaseFullRow, type Viewer } from './case.dto.js';
import { emitCase } from './case.publisher.js';
import { PERSONAL_SEARCH_KEYS, encodeCursor, toFilters, type SearchQuery } from './case-search.js';
import type { CaseSearchRepository } from './case-search.repository.js';
import { combinePeople, planCase, planPerson, type FieldChange } from './case-update.js';
import { buildTimeline } from './case-timeline.js';
import type { CaseUpdate } from './case.schemas.js';
import type { CasesRepository } from './cases.repository.js';
import { normaliseDocument, type CaseRole, type PeopleRepository } from './people.repository.js';

export interface CaseServiceDeps {
  cases: CasesRepository;
  people: PeopleRepository;
  search: CaseSearchRepository;
  events: EventPublisher;
  texts: Pick<CaseTexts, 'statusChanged'>;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  officeExists: (id: string) => Promise<boolean>;
}

const CLOSING: CaseStatus[] = ['resolved', 'closed'];

/** Everything agents and supervisors do with a case. Every view and change is audited. */
export function createCaseService(deps: CaseServiceDeps) {
  const { cases, people } = deps;

  async function publish(...ids: string[]) {
    for (const id of ids) {
      const row = await cases.findSummary(id);
      if (row) emitCase(deps.events, 'case.updated', row);
    }
  }

  /** A case that may still be worked: not merged away, not a non-data contact. */
  async function lockWorkable(trx: Transaction<Database>, id: string): Promise<CaseFullRow> {
    const row = await cases.findFull(id, { trx, lock: true });
    if (!row) throw new AppError('not_found', 'Case not found');
    if (row.merged_into) throw new AppError('conflict', 'This case was merged into another; work on that one');
    if (row.non_data) throw new AppError('conflict', 'This contact was recorded as non-data and is not a case');
    if (row.anonymised_at) throw new AppError('conflict', 'This case was anonymised after its retention period');
    return row;
  }

  /** Requester and affected person: edits, "the requester is the person", and removals. */
  async function applyPeople(trx: Transaction<Database>, current: CaseFullRow, patch: CaseUpdate): Promise<{ changes: FieldChange[]; vulnerabilitiesAdded: boolean }> {
    const linked = await people.ofCase(current.id, trx);
    const relationship = patch.relationship === undefined ? current.relationship : patch.relationship;
    const self = relationship === 'self';
    const changes: FieldChange[] = [];
    let vulnerabilitiesAdded = false;

    const write = async (role: CaseRole, existing: typeof linked.affected, input: NonNullable<CaseUpdate['affected']>) => {
      const plan = planPerson(existing, input, role);
      if (role === 'affected' && input.vulnerabilities?.length && !existing?.vulnerabilities.length) vulnerabilitiesAdded = true;
      changes.push(...plan.changed);
      if (existing) {
        if (plan.changed.length) await people.update(trx, existing.id, plan.values);
        return existing.id;
      }
      const id = await people.insert(trx, plan.values);
      await people.link(trx, current.id, role, id);
      return id;
    };

    if (patch.affected === null && linked.affected) {
      await people.unlink(trx, current.id, 'affected');
      changes.push({ field: 'affected' });
    }
    const affectedInput = self ? { ...(patch.requester ?? {}), ...(patch.affected ?? {}) } : patch.affected;
    let affectedId = patch.affected === null ? null : (linked.affected?.id ?? null);
    if (affectedInput && (Object.keys(affectedInput).length || self)) affectedId = await write('affected', patch.affected === null ? null : linked.affected, affectedInput);

    if (self) {
      if (affectedId && linked.requester?.id !== affectedId) {
        await people.link(trx, current.id, 'requester', affectedId);
        changes.push({ field: 'requester' });
      }
    } else if (patch.requester === null) {
      if (linked.requester) {
        await people.unlink(trx, current.id, 'requester');
        changes.push({ field: 'requester' });
      }
    } else {
      // The requester was the affected person until now: from here on they are someone else.
      const wasSelf = !!linked.requester && linked.requester.id === linked.affected?.id;
      if (patch.requester) await write('requester', wasSelf ? null : linked.requester, patch.requester);
      else if (wasSelf && patch.relationship !== undefined) {
        await people.unlink(trx, current.id, 'requester');
        changes.push({ field: 'requester' });
      }
    }
    return { changes, vulnerabilitiesAdded };
  }

  return {
    async listOpen(viewer: Viewer): Promise<CaseSummaryDto[]> {
      const personal = seesPersonalData(viewer.role);
      return (await cases.listOpen(200)).map((r) => toCaseSummary(r, personal));
    },

    async search(viewer: Viewer, query: SearchQuery, language: Language = 'es'): Promise<CaseSearchDto> {
      if (!seesPersonalData(viewer.role) && PERSONAL_SEARCH_KEYS.some((k) => query[k])) {
        throw new AppError('forbidden', 'Your role may not search cases by personal data');
      }
      const filters = toFilters(query, deps.timeZone, language);
      const rows = await deps.search.search({ ...filters, limit: filters.limit + 1 });
      const page = rows.slice(0, filters.limit);
      const last = page.at(-1);
      const personal = seesPersonalData(viewer.role);
      return { cases: page.map((r) => toCaseSummary(r, personal)), nextCursor: rows.length > filters.limit && last ? encodeCursor(last.created_at, last.id) : null };
    },

    async getDetail(viewer: Viewer, id: string): Promise<CaseDetailDto> {
      const personal = seesPersonalData(viewer.role);
      const [row, summary, linked, recordings, events, calls] = await Promise.all([
        cases.findFull(id), cases.findSummary(id), people.ofCase(id), cases.recordings(id), cases.timeline(id), cases.calls(id),
      ]);
      if (!row) throw new AppError('not_found', 'Case not found');
      await cases.audit(cases.db, id, viewer.id, 'view');
      return {
        case: toCaseDto({ ...row, last_call_status: summary?.last_call_status ?? null, display_name: summary?.display_name ?? null }, linked, personal),
        recordings: personal
          ? recordings.map((r) => ({ sid: r.sid, kind: r.kind as 'voicemail' | 'call', durationS: r.duration_s, createdAt: r.created_at.toISOString(), audioUrl: `/api/recordings/${r.sid}/audio` }))
          : [],
        timeline: buildTimeline(events, calls, recordings, personal),
      };
    },

    async update(viewer: Viewer, id: string, patch: CaseUpdate, language: Language): Promise<CaseDto> {
      const after: { notify?: { phone: string; status: CaseStatus; number: string; language: string; version: number } } = {};
      await cases.transaction(async (trx) => {
        const current = await lockWorkable(trx, id);
        if (patch.version !== current.version) throw new AppError('stale_version', 'Someone else changed this case meanwhile; reload it and apply your change again');
        const from = current.status as CaseStatus;
        const to = patch.status && patch.status !== from ? patch.status : null;
        if (to === 'escalated') throw new AppError('conflict', 'A case is escalated by sending it to a consulate, not by setting its status');
        if (to && !canTransition(from, to, viewer.role)) {
          if (from === 'closed' && viewer.role !== 'supervisor') throw new AppError('forbidden', 'Only a supervisor may reopen a closed case');
          throw new AppError('conflict', `A case cannot go from ${from} to ${to}`);
        }
        if (patch.officeId && !(await deps.officeExists(patch.officeId))) throw new AppError('validation_failed', `officeId: no office ${patch.officeId}`);

        const { set, changes } = planCase(current, patch, viewer.id, language);
        const personChanges = await applyPeople(trx, current, patch);
        changes.push(...personChanges.changes);
        if (personChanges.vulnerabilitiesAdded) {
          set.vulnerable = true;
          // A vulnerable person's case moves up one level, unless the agent set the priority themselves.
          if (patch.priority === undefined && current.priority > 1 && !current.vulnerable) {
            set.priority = current.priority - 1;
            set.priority_reason = 'Persona en situación de vulnerabilidad: un nivel más';
            changes.push({ field: 'priority', from: current.priority, to: set.priority });
          }
        }
        if (to) {
          set.status = to;
          set.closed_at = CLOSING.includes(to) ? deps.clock.now() : null;
        }
        if (!to && changes.length === 0) return;
        if (to && patch.notifyCaller) {
          const linked = await people.ofCase(id, trx);
          const phone = linked.requester?.phone_e164 ?? current.caller_phone;
          if (!phone) throw new AppError('validation_failed', 'notifyCaller: this case has no number to text; add the requester\'s phone first');
          after.notify = { phone, status: to, number: current.number, language: current.language, version: current.version + 1 };
        }
        set.version = current.version + 1;
        await cases.update(trx, id, set);
        if (to) await cases.addEvent(trx, id, 'status.changed', viewer.id, { from, to, notifyCaller: !!patch.notifyCaller });
        if (changes.length) await cases.addEvent(trx, id, 'fields.changed', viewer.id, { changes });
        await cases.audit(trx, id, viewer.id, 'update', [...(to ? ['status'] : []), ...changes.map((c) => c.field)]);
      });
      await publish(id);
      const n = after.notify;
      if (n) {
        await deps.texts.statusChanged({ id, number: n.number, language: n.language, phone: n.phone }, n.status, n.version).catch((err: Error) => {
          deps.logger.warn({ caseId: id, err: err.message }, 'status text not queued');
        });
      }
      return this.view(viewer, id);
    },

    /** The case as an escalation packet needs it (personal data included); the escalation itself is audited. */
    async forEscalation(id: string): Promise<{ kase: CaseDto; timeline: CaseEventDto[]; callerPhone: string | null }> {
      const [row, summary, linked, recordings, events, calls] = await Promise.all([
        cases.findFull(id), cases.findSummary(id), people.ofCase(id), cases.recordings(id), cases.timeline(id), cases.calls(id),
      ]);
      if (!row) throw new AppError('not_found', 'Case not found');
      return {
        kase: toCaseDto({ ...row, last_call_status: summary?.last_call_status ?? null, display_name: summary?.display_name ?? null }, linked, true),
        timeline: buildTimeline(events, calls, recordings, true),
        callerPhone: row.caller_phone,
      };
    },

    /** The case as the editor shows it, without counting as a view (the editor's own reload). */
    async view(viewer: Viewer, id: string): Promise<CaseDto> {
      const [row, summary, linked] = await Promise.all([cases.findFull(id), cases.findSummary(id), people.ofCase(id)]);
      if (!row) throw new AppError('not_found', 'Case not found');
      return toCaseDto({ ...row, last_call_status: summary?.last_call_status ?? null, display_name: summary?.display_name ?? null }, linked, seesPersonalData(viewer.role));
    },

    async addNote(viewer: Viewer, id: string, text: string): Promise<void> {
      await cases.transaction(async (trx) => {
        await lockWorkable(trx, id);
        await cases.addEvent(trx, id, 'note.added', viewer.id, { text });
        await cases.update(trx, id, {});
        await cases.audit(trx, id, viewer.id, 'note');
      });
      await publish(id);
    },

    /** A silent, abusive, test or wrong-number contact: kept on record, out of cases and statistics. */
    async markNonData(viewer: Viewer, id: string, reason: NonDataReason): Promise<void> {
      await cases.transaction(async (trx) => {
        const current = await lockWorkable(trx, id);
        await cases.update(trx, id, { non_data: reason, status: 'closed', closed_at: deps.clock.now(), version: current.version + 1 });
        await cases.addEvent(trx, id, 'case.non_data', viewer.id, { reason });
        await cases.audit(trx, id, viewer.id, 'non_data', ['nonData']);
      });
      await publish(id);
    },

    /** Duplicates become one case: every call, recording and timeline entry of `fromId` moves to `intoId`. */
    async merge(viewer: Viewer, fromId: string, intoId: string): Promise<CaseDto> {
      if (fromId === intoId) throw new AppError('validation_failed', 'intoCaseId: a case cannot be merged into itself');
      await cases.transaction(async (trx) => {
        // Locks in a fixed order, so two opposite merges cannot deadlock.
        const [a, b] = [fromId, intoId].sort();
        const locked = new Map([[a, await lockWorkable(trx, a as string)], [b, await lockWorkable(trx, b as string)]]);
        const from = locked.get(fromId) as CaseFullRow;
        const into = locked.get(intoId) as CaseFullRow;
        await mergeInto(trx, viewer, from, into);
      });
      await publish(fromId, intoId);
      return this.view(viewer, intoId);
    },

    /** An agent says this call belongs to an existing case (a repeat caller). */
    async linkCall(viewer: Viewer, callSid: string, intoId: string): Promise<CaseDto> {
      const touched = await cases.transaction(async (trx) => {
        const call = await cases.findCall(trx, callSid);
        if (!call) throw new AppError('not_found', 'Call not found');
        if (call.case_id === intoId) return [intoId];
        const into = await lockWorkable(trx, intoId);
        if (!call.case_id) {
          await cases.setCallCase(trx, callSid, intoId);
        } else {
          const from = await lockWorkable(trx, call.case_id);
          // A case opened by this call and never worked is a duplicate: it joins the existing one whole.
          if (from.version === 0 && (await cases.callCount(trx, from.id)) === 1) {
            await mergeInto(trx, viewer, from, into);
          } else {
            await cases.moveCall(trx, callSid, from.id, intoId);
            await cases.addEvent(trx, from.id, 'call.moved', viewer.id, { callSid, into: into.number });
            await cases.audit(trx, from.id, viewer.id, 'link_call');
          }
        }
        await cases.addEvent(trx, intoId, 'call.linked', viewer.id, { callSid });
        await cases.update(trx, intoId, { version: into.version + 1 });
        await cases.audit(trx, intoId, viewer.id, 'link_call');
        return [intoId, ...(call.case_id ? [call.case_id] : [])];
      });
      await publish(...touched);
      return this.view(viewer, intoId);
    },

    /** The same person recorded twice: one person remains, in every case of both, with both names. */
    async mergePeople(viewer: Viewer, fromId: string, intoId: string): Promise<PersonDto> {
      if (fromId === intoId) throw new AppError('validation_failed', 'intoPersonId: a person cannot be merged into themselves');
      const caseIds = await cases.transaction(async (trx) => {
        const [a, b] = [fromId, intoId].sort() as [string, string];
        const rows = new Map([[a, await people.find(trx, a, { lock: true })], [b, await people.find(trx, b, { lock: true })]]);
        const from = rows.get(fromId);
        const into = rows.get(intoId);
        if (!from || !into) throw new AppError('not_found', 'Person not found');
        if (from.merged_into || into.merged_into) throw new AppError('conflict', 'One of these people was already merged');
        const ids = [...new Set([...(await people.caseIds(trx, fromId)), ...(await people.caseIds(trx, intoId))])];
        await people.update(trx, intoId, combinePeople(into, from));
        await people.repoint(trx, fromId, intoId);
        for (const caseId of ids) {
          await cases.addEvent(trx, caseId, 'person.merged', viewer.id, { from: fromId, into: intoId });
          await cases.update(trx, caseId, {});
          await cases.audit(trx, caseId, viewer.id, 'merge_person');
        }
        return ids;
      });
      await publish(...caseIds);
      const merged = await people.find(cases.db, intoId);
      return toPersonDto(merged as NonNullable<typeof merged>);
    },

    /** People by name, document or number as typed, for finding duplicates to merge. */
    async searchPeople(viewer: Viewer, q: { name?: string; document?: string; phone?: string }): Promise<PersonDto[]> {
      if (!seesPersonalData(viewer.role)) throw new AppError('forbidden', 'Your role may not search people');
      if (!q.name && !q.document && !q.phone) throw new AppError('validation_failed', 'Give a name, a document or a phone');
      const phone = q.phone ? normalisePhone(q.phone) : undefined;
      if (phone && !phone.ok) throw new AppError('validation_failed', 'phone: include the country code (+504, +1...)');
      const filters = {
        ...(q.name ? { name: normalise(q.name) } : {}),
        ...(q.document ? { document: normaliseDocument(q.document) } : {}),
        ...(phone?.ok ? { phone: phone.value } : {}),
      };
      return (await people.search(filters, 20)).map(toPersonDto);
    },

    async earlierCases(viewer: Viewer, id: string): Promise<CaseSummaryDto[]> {
      const personal = seesPersonalData(viewer.role);
      return (await cases.sameCaller(id, 10)).map((r) => toCaseSummary(r, personal));
    },

    async auditLog(id: string): Promise<CaseAuditEntryDto[]> {
      return (await cases.auditLog(id, 500)).map((a) => ({ actorId: a.actor, actorName: a.actor_name ?? null, action: a.action, fields: a.fields, at: a.at.toISOString() }));
    },

    /** Everything about a case, for a request for one's own data or a transfer: audited as an export. */
    async exportCase(viewer: Viewer, id: string): Promise<CaseDetailDto & { exportedAt: string; audit: CaseAuditEntryDto[] }> {
      const detail = await this.getDetail(viewer, id);
      await cases.audit(cases.db, id, viewer.id, 'export');
      return { ...detail, audit: await this.auditLog(id), exportedAt: deps.clock.now().toISOString() };
    },

    async recordingUrl(viewer: Viewer, sid: string): Promise<string> {
      const rec = await cases.recording(sid);
      if (!rec) throw new AppError('not_found', 'Recording not found');
      if (rec.case_id) await cases.audit(cases.db, rec.case_id, viewer.id, 'listen', [sid]);
      return rec.url;
    },
  };

  async function mergeInto(trx: Transaction<Database>, viewer: Viewer, from: CaseFullRow, into: CaseFullRow): Promise<void> {
    const moved = await cases.moveAll(trx, from.id, into.id);
    // People the surviving case lacks come with the merge; its own stay.
    const [fromPeople, intoPeople] = await Promise.all([people.ofCase(from.id, trx), people.ofCase(into.id, trx)]);
    for (const role of ['requester', 'affected'] as const) {
      const person = fromPeople[role];
      if (person && !intoPeople[role]) await people.link(trx, into.id, role, person.id);
    }
    await cases.update(trx, from.id, { merged_into: into.id, status: 'closed', closed_at: deps.clock.now(), version: from.version + 1 });
    await cases.update(trx, into.id, { version: into.version + 1, flags: [...new Set([...into.flags, ...from.flags])] });
    await cases.addEvent(trx, into.id, 'case.merged', viewer.id, { from: from.number, fromId: from.id, events: moved.events });
    await cases.addEvent(trx, from.id, 'case.merged_into', viewer.id, { into: into.number, intoId: into.id });
    await cases.audit(trx, from.id, viewer.id, 'merge');
    await cases.audit(trx, into.id, viewer.id, 'merge');
  }
}

export type CaseService = ReturnType<typeof createCaseService>;
