import { CASE_STATUSES, type CaseStatus, type Language } from '../../contracts/domain.js';
import { AppError } from '../../shared/errors.js';
import type { WaitingCallPayload } from '../../platform/queue/registry.js';
import { announceJoined } from '../routing/index.js';
import { maskPhone } from '../../shared/phone.js';
import { emitCase } from '../cases/index.js';
import {
  caseLookupAnswer, officeLookupAnswer, officeText, OFFICE_PLACEHOLDER, decodeState, renderEnqueue, renderMenu, renderOnCall, renderSayAndHangup, renderSayBothAndHangup, renderVoicemail,
  startCall, step, WAIT_MESSAGES, type IvrStep, type ResolvedRequest, type IvrState, type MenuStep, type Text,
} from '../ivr/index.js';
import type { CallDisposition, OpenedCase } from './calls.repository.js';
import { callerE164, inputOf, toIncoming, type CallDeps } from './call.context.js';
import type { VoiceParams } from './voice.params.js';


/**
 * A call in the menus: the IVR decides (pure), this service records what must be recorded and
 * renders the answer. Opening the case, queueing and leaving messages are the only writes.
 */
export function createIvrCallService(deps: CallDeps) {
  /** The greeting depends on the flow alone: rendered once per flow the settings snapshot hands out. */
  const greetings = new WeakMap<object, string>();
  const greetingFor = (flow: Parameters<typeof startCall>[0]): string => {
    let twiml = greetings.get(flow);
    if (twiml === undefined) {
      twiml = renderMenu(startCall(flow));
      greetings.set(flow, twiml);
    }
    return twiml;
  };

  async function openCase(params: VoiceParams, state: IvrState, request: ResolvedRequest, disposition: CallDisposition): Promise<OpenedCase> {
    const call = toIncoming(params);
    // Twilio always sends a CallSid; without one this is not a real call and nothing can be opened.
    if (!call) throw new AppError('bad_request', 'A case cannot be opened without a CallSid');
    const opened = await deps.calls.openCase(
      {
        call,
        language: state.lang,
        menuPath: state.path,
        location: state.location,
        category: request.category,
        priority: request.priority,
        reason: request.reason,
        vulnerable: request.vulnerable,
        timeZone: deps.config.timeZone,
      },
      disposition,
    );
    if (opened.caseCreated) {
      emitCase(deps.events, 'case.created', { ...opened.caseRow, last_call_status: 'queue' in disposition ? 'queued' : 'in_ivr' });
      const { id, number, language, caller_phone: phone } = opened.caseRow;
      // The caller must still be answered if Redis hiccups: the text is a courtesy, the call is not.
      await deps.texts.caseOpened({ id, number, language, phone }).catch((err: Error) => deps.logger.warn({ caseId: id, err: err.message }, 'case-opened text not queued'));
    }
    return opened;
  }

  function waitingEntry(opened: OpenedCase, params: VoiceParams, kind: 'call' | 'callback', since: Date): WaitingCallPayload {
    return {
      callSid: params.CallSid as string,
      caseId: opened.caseRow.id,
      caseNumber: opened.caseRow.number,
      callerMasked: maskPhone(callerE164(params)),
      language: opened.caseRow.language as Language,
      menuPath: opened.caseRow.menu_path,
      category: opened.caseRow.category as WaitingCallPayload['category'],
      priority: opened.caseRow.priority as WaitingCallPayload['priority'],
      enqueuedAt: since.toISOString(),
      kind,
    };
  }

  async function enqueue(params: VoiceParams, next: Extract<IvrStep, { type: 'agent' }>): Promise<string> {
    const opened = await openCase(params, next.state, next.request, { queue: true });
    const callSid = params.CallSid as string;
    const entry = waitingEntry(opened, params, 'call', opened.enqueuedAt);
    // Added on retries too: the job id is the CallSid, so a retry after a lost add repairs the set.
    // Without Redis the caller still waits in Twilio's queue: the database says 'queued', and the
    // reconciler puts them in the waiting set when Redis is back.
    try {
      await deps.waiting.add(entry);
      if (opened.newlyQueued) {
        await announceJoined(deps, entry);
        deps.logger.info({ callSid, caseId: opened.caseRow.id, priority: entry.priority, category: entry.category }, 'call queued');
        await deps.onQueued();
      }
    } catch (err) {
      deps.logger.warn({ callSid, caseId: opened.caseRow.id, err: (err as Error).message }, 'waiting set unavailable; left to the reconciler');
    }
    return renderEnqueue({ lang: next.state.lang, say: next.say, queueName: deps.config.queueName });
  }

  async function render(next: IvrStep, params: VoiceParams): Promise<string> {
    const lang = next.state.lang;
    switch (next.type) {
      case 'menu':
        return renderMenu(await withOffice(next));
      case 'agent':
        return enqueue(params, next);
      case 'onCall': {
        const { onCall } = await deps.settings.snapshot();
        const opened = await openCase(params, next.state, next.request, { outcome: onCall.number ? 'on_call' : 'voicemail', flag: 'after_hours_p1' });
        if (!onCall.number) return renderVoicemail({ lang, say: [], query: { case: opened.caseRow.id } });
        return renderOnCall({ lang, say: next.say, number: onCall.number, callerId: deps.config.callerId, query: { case: opened.caseRow.id, l: lang } });
      }
      case 'callback': {
        // The step offers a callback only to a known number (otherwise voicemail).
        const phone = callerE164(params) as string;
        const opened = await openCase(params, next.state, next.request, { outcome: 'callback' });
        if (params.CallSid) {
          // After hours there is no queue place to keep: the callback waits for the opening, by priority.
          await deps.calls.requestCallback(params.CallSid, phone);
          const entry = waitingEntry(opened, params, 'callback', deps.clock.now());
          // The pending callback is in the database: without Redis the reconciler adds it later.
          try {
            await deps.waiting.add(entry);
            await announceJoined(deps, entry);
          } catch (err) {
            deps.logger.warn({ callSid: entry.callSid, err: (err as Error).message }, 'waiting set unavailable; left to the reconciler');
          }
        }
        return renderSayAndHangup(lang, [WAIT_MESSAGES.callbackAfterHours(maskPhone(phone).slice(-4))]);
      }
      case 'voicemail': {
        const opened = await openCase(params, next.state, next.request, { outcome: 'voicemail' });
        return renderVoicemail({ lang, say: next.say, query: { case: opened.caseRow.id } });
      }
      case 'sms': {
        const to = callerE164(params);
        const node = (await deps.settings.snapshot()).flow.nodes[next.node];
        if (to && node && params.CallSid) {
          const body = (await fillOffice([node.prompt], next.state.office))[0]?.[lang] ?? node.prompt[lang];
          await deps.queues.add('sms', 'send-sms', { to, body, caseId: null, purpose: `ivr-info:${node.id}` }, {
            jobId: `${params.CallSid}:sms:${node.id}`,
            attempts: 5,
            backoff: { type: 'exponential', delay: 2000 },
          }).catch((err: Error) => deps.logger.warn({ callSid: params.CallSid, err: err.message }, 'information text not queued'));
        }
        return renderMenu(await withOffice(next.then));
      }
      case 'officeLookup': {
        const match = await deps.offices.findForPlace(next.said);
        return render(officeLookupAnswer((await deps.settings.snapshot()).flow, next.state, match?.office.id ?? null, await context(params)), params);
      }
      case 'caseLookup': {
        const seq = Number(next.digits);
        const found = Number.isSafeInteger(seq) && seq > 0 ? await deps.cases.statusBySeq(seq) : undefined;
        const status = found && (CASE_STATUSES as readonly string[]).includes(found.status) ? (found.status as CaseStatus) : null;
        const ctx = await context(params);
        return render(caseLookupAnswer((await deps.settings.snapshot()).flow, next.state, found && status ? { number: found.number, status } : null, ctx), params);
      }
    }
  }

  /** The consulate_result prompt carries {office}: read the office the caller's place led to. */
  async function fillOffice(texts: Text[], officeId: string | null): Promise<Text[]> {
    if (!officeId || !texts.some((t) => t.es.includes(OFFICE_PLACEHOLDER) || t.en.includes(OFFICE_PLACEHOLDER))) return texts;
    const office = await deps.offices.card(officeId);
    const filled = office ? officeText(office) : { es: '', en: '' };
    return texts.map((t) => ({ es: t.es.replace(OFFICE_PLACEHOLDER, filled.es), en: t.en.replace(OFFICE_PLACEHOLDER, filled.en) }));
  }

  async function withOffice(step: MenuStep): Promise<MenuStep> {
    return { ...step, say: await fillOffice(step.say, step.state.office) };
  }

  async function context(params: VoiceParams) {
    return { open: await deps.settings.isOpenNow(), reachable: callerE164(params) !== null };
  }

  return {
    async incoming(params: VoiceParams): Promise<string> {
      const { flow } = await deps.settings.snapshot();
      const office = await deps.offices.officeForNumber(params.To ?? null);
      const call = toIncoming(params, office?.id ?? null);
      // The guard protects against floods; while Redis is away it must not turn real callers away.
      const verdictOf = call?.fromE164
        ? deps.guard.check(call.fromE164, call.callSid).catch((err: Error) => {
          deps.logger.warn({ callSid: call.callSid, err: err.message }, 'caller guard unavailable; call let through');
          return 'ok' as const;
        })
        : Promise.resolve('ok' as const);
      // The call is recorded whatever the verdict: both go at once, and a refusal then says why.
      const [verdict] = await Promise.all([verdictOf, call ? deps.calls.recordIncoming(call) : undefined]);
      if (verdict !== 'ok') {
        if (call) await deps.calls.recordIncoming(call, verdict === 'blocked' ? 'blocked' : 'rate_limited');
        deps.logger.info({ callSid: call?.callSid, verdict }, 'caller turned away');
        return renderSayBothAndHangup(WAIT_MESSAGES.turnedAway);
      }
      return greetingFor(flow);
    },

    async menuAnswer(query: unknown, params: VoiceParams): Promise<string> {
      const { flow } = await deps.settings.snapshot();
      const state = decodeState(query);
      const next = state ? step(flow, state, inputOf(params), await context(params)) : startCall(flow);
      return render(next, params);
    },
  };
}

export type IvrCallService = ReturnType<typeof createIvrCallService>;
