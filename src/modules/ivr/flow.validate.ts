import { z } from 'zod';
import { CATEGORIES } from '../../contracts/domain.js';
import { OFFICE_PLACEHOLDER, RESERVED_NODES, type Flow } from './flow.types.js';

/** Long prompts make TwiML documents heavy and callers hang up; keep each under a minute of speech. */
const MAX_PROMPT = 900;
const text = z.object({ es: z.string().trim().min(1).max(MAX_PROMPT), en: z.string().trim().min(1).max(MAX_PROMPT) });
const words = z.array(z.string().trim().min(1).max(40)).max(20);
const agentRequest = z.object({
  category: z.enum(CATEGORIES),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  reason: z.string().trim().min(1).max(200),
  askVulnerability: z.boolean().optional(),
});
const target = z.union([
  z.object({ go: z.string() }).strict(),
  z.object({ agent: agentRequest }).strict(),
  z.object({ language: z.enum(['es', 'en']), go: z.string() }).strict(),
  z.object({ location: z.enum(['US', 'MX', 'ROUTE', 'HN', 'OTHER']), go: z.string() }).strict(),
  z.object({ callback: z.literal(true) }).strict(),
  z.object({ voicemail: z.literal(true) }).strict(),
  z.object({ pending: z.enum(['raise', 'keep']) }).strict(),
]);
const node = z.object({
  id: z.string().regex(/^[a-z0-9_]{1,32}$/),
  kind: z.enum(['menu', 'info', 'caseNumber', 'officeLookup']).optional(),
  intro: text.optional(),
  prompt: text,
  options: z.array(z.object({ key: z.enum(['1', '2', '3', '4', '5', '7']), speech: z.object({ es: words, en: words }), then: target })).max(6),
  agent: agentRequest,
});
const statusText = text;
export const flowSchema = z.object({
  start: z.string(),
  nodes: z.record(z.string(), node),
  messages: z.object({
    notUnderstood: text,
    noInput: text,
    useKeypad: text,
    toAgent: text,
    infoFooter: text,
    smsSent: text,
    smsUnavailable: text,
    afterHours: text,
    caseNotFound: text,
    placeNotFound: text,
    caseStatus: z.object({
      new: statusText, in_progress: statusText, waiting_caller: statusText, escalated: statusText, resolved: statusText, closed: statusText,
    }),
  }),
});

/**
 * A flow goes live only if every caller can get through it: valid shape, existing targets, at most
 * five options a level with 0 and 9 left free, every node reachable, and the nodes the step function
 * enters by itself present. Returns the problems in words a supervisor can act on.
 */
export function validateFlow(input: unknown): { ok: true; flow: Flow } | { ok: false; problems: string[] } {
  const parsed = flowSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'flow'}: ${i.message}`) };
  }
  const flow = parsed.data as Flow;
  const problems: string[] = [];
  const ids = new Set(Object.keys(flow.nodes));
  if (!ids.has(flow.start)) problems.push(`start: node "${flow.start}" does not exist`);
  for (const id of RESERVED_NODES) if (!ids.has(id)) problems.push(`nodes.${id}: required node is missing`);
  const result = flow.nodes.consulate_result;
  if (result && !(result.prompt.es.includes(OFFICE_PLACEHOLDER) && result.prompt.en.includes(OFFICE_PLACEHOLDER))) {
    problems.push(`nodes.consulate_result.prompt: must contain ${OFFICE_PLACEHOLDER} in both languages`);
  }
  for (const [id, n] of Object.entries(flow.nodes)) {
    if (n.id !== id) problems.push(`nodes.${id}: id "${n.id}" does not match its key`);
    const menuKeys = n.options.map((o) => o.key).filter((k) => !(k === '7' && id === flow.start));
    if (menuKeys.length > 5) problems.push(`nodes.${id}: more than 5 options`);
    if (new Set(n.options.map((o) => o.key)).size !== n.options.length) problems.push(`nodes.${id}: a key is used twice`);
    if (n.kind === 'info' && n.options.some((o) => o.key === '2')) problems.push(`nodes.${id}: key 2 of an information answer is kept for SMS`);
    if (n.kind !== 'caseNumber' && n.kind !== 'officeLookup' && n.options.length === 0) problems.push(`nodes.${id}: a menu needs at least one option`);
    for (const o of n.options) {
      const t = o.then;
      if ('go' in t && !ids.has(t.go)) problems.push(`nodes.${id}.options[${o.key}]: goes to "${t.go}", which does not exist`);
      if ('pending' in t && id !== 'vulnerability') problems.push(`nodes.${id}.options[${o.key}]: "pending" is only for the vulnerability node`);
      if (('callback' in t || 'voicemail' in t) && id !== 'after_hours') problems.push(`nodes.${id}.options[${o.key}]: callback and voicemail are for the after_hours node`);
    }
  }
  // Reachability from the start, plus the nodes entered by the step function itself.
  const seen = new Set<string>();
  const queue = [flow.start, ...RESERVED_NODES];
  while (queue.length) {
    const id = queue.pop() as string;
    // Own nodes only: a target such as "constructor" is not a node, whatever every object inherits.
    const n = Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
    if (seen.has(id) || !n) continue;
    seen.add(id);
    for (const o of n.options) if ('go' in o.then) queue.push(o.then.go);
  }
  for (const id of ids) if (!seen.has(id)) problems.push(`nodes.${id}: no caller can reach this node`);
  return problems.length ? { ok: false, problems } : { ok: true, flow };
}
