/** A TwiML document as the simulator reads it: elements with attributes, text and children. */
export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  children: TwimlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });

/**
 * Parses the small XML subset TwiML uses (no DTD, no CDATA needed). Throws on anything that is
 * not well-formed, because Twilio would reject such a document too.
 */
export function parseTwiml(xml: string): TwimlNode {
  let i = 0;
  const src = xml.replace(/^\uFEFF/, '');
  const skipProlog = () => {
    for (;;) {
      while (/\s/.test(src[i] ?? '')) i++;
      if (src.startsWith('<?', i)) i = src.indexOf('?>', i) + 2;
      else if (src.startsWith('<!--', i)) i = src.indexOf('-->', i) + 3;
      else return;
    }
  };
  const parseElement = (): TwimlNode => {
    if (src[i] !== '<') throw new Error(`TwiML: expected an element at ${i}`);
    const open = /^<([A-Za-z][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(src.slice(i));
    if (!open) throw new Error(`TwiML: malformed tag at ${i}`);
    i += open[0].length;
    const node: TwimlNode = { name: open[1] as string, attrs: {}, children: [], text: '' };
    for (const a of (open[2] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      node.attrs[a[1] as string] = decode(a[2] ?? a[3] ?? '');
    }
    if (open[3] === '/') return node;
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) throw new Error(`TwiML: <${node.name}> is not closed`);
      node.text += decode(src.slice(i, lt));
      i = lt;
      if (src.startsWith('<!--', i)) {
        i = src.indexOf('-->', i) + 3;
      } else if (src.startsWith('</', i)) {
        const close = /^<\/([A-Za-z][\w.-]*)\s*>/.exec(src.slice(i));
        if (!close || close[1] !== node.name) throw new Error(`TwiML: mismatched closing tag for <${node.name}>`);
        i += close[0].length;
        node.text = node.text.trim();
        return node;
      } else {
        node.children.push(parseElement());
      }
    }
  };
  skipProlog();
  const root = parseElement();
  if (root.name !== 'Response') throw new Error(`TwiML: root is <${root.name}>, not <Response>`);
  return root;
}
