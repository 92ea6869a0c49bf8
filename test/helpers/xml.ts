// A deliberately small XML reader for the SVG tests (node has no DOM): checks that a document is
// well-formed (one root, tags balanced and properly nested, attributes quoted and not repeated,
// only the five predefined entities or character references, no bare `<` or `&`) and returns
// its elements with their attributes and text, in document order.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  /** The element's character data, entities decoded (its children's text included). */
  text: string;
  children: XmlElement[];
  parent: XmlElement | null;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`bare & near offset ${where}`);
  return raw.replace(ENTITY, (_, named: string | undefined, dec: string | undefined, hex: string | undefined) =>
    named ? NAMED[named]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
  );
}

/** The document's root element; throws, naming the offset, at the first thing that is not well-formed. */
export function parseXml(doc: string): XmlElement {
  let i = 0;
  let root: XmlElement | null = null;
  const open: XmlElement[] = [];
  const addText = (t: string): void => {
    for (const e of open) e.text += t;
  };
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const chunk = doc.slice(i, lt === -1 ? doc.length : lt);
    if (open.length === 0 && chunk.trim() !== '') throw new Error(`text outside the root near offset ${i}`);
    addText(decode(chunk, i));
    if (lt === -1) break;
    i = lt;
    if (doc.startsWith('<?', i)) {
      const end = doc.indexOf('?>', i);
      if (end === -1) throw new Error(`unclosed <? at ${i}`);
      i = end + 2;
    } else if (doc.startsWith('<!--', i)) {
      const end = doc.indexOf('-->', i);
      if (end === -1) throw new Error(`unclosed comment at ${i}`);
      i = end + 3;
    } else if (doc.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_:][\w.:-]*)\s*>/.exec(doc.slice(i));
      if (!m) throw new Error(`bad end tag at ${i}`);
      const top = open.pop();
      if (!top || top.name !== m[1]) throw new Error(`</${m[1]}> at ${i} closes <${top?.name ?? 'nothing'}>`);
      i += m[0].length;
    } else {
      const name = NAME.exec(doc.slice(i + 1));
      if (!name) throw new Error(`bad start tag at ${i}`);
      let j = i + 1 + name[0].length;
      const attrs: Record<string, string> = {};
      for (;;) {
        const rest = doc.slice(j);
        const close = /^\s*(\/?)>/.exec(rest);
        if (close) {
          j += close[0].length;
          const el: XmlElement = { name: name[0], attrs, text: '', children: [], parent: open.at(-1) ?? null };
          if (el.parent) el.parent.children.push(el);
          else if (root) throw new Error(`a second root <${el.name}> at ${i}`);
          else root = el;
          if (close[1] !== '/') open.push(el);
          break;
        }
        const a = /^\s+([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/.exec(rest);
        if (!a) throw new Error(`bad attribute in <${name[0]}> at ${j}`);
        if (a[1]! in attrs) throw new Error(`attribute ${a[1]} twice in <${name[0]}> at ${j}`);
        attrs[a[1]!] = decode(a[2] ?? a[3]!, j);
        j += a[0].length;
      }
      i = j;
    }
  }
  if (open.length > 0) throw new Error(`<${open.at(-1)!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element under (and including) `e`, in document order. */
export function elements(e: XmlElement): XmlElement[] {
  return [e, ...e.children.flatMap(elements)];
}
