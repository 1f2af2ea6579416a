/**
 * Oxigraph's RDF/XML parser returns the triples it has read when a document simply stops: a catalogue cut off in
 * transit (its root never closed) parsed as a smaller valid one, and a second root element or a NUL character (not
 * XML) went unnoticed. These are the checks it skips, in linear time. Undefined when the document is whole, else
 * what is wrong and where.
 */
export function xmlDocumentFault(text: string): { message: string; line: number; column: number } | undefined {
  const nul = text.indexOf('\0');
  if (nul >= 0) return { message: 'An XML document may not contain a NUL character (U+0000)', ...positionOf(text, nul) };
  const root = rootElement(text);
  if (!root) return undefined; // no element at all: Oxigraph's own error says so
  const end = trimTrailingMisc(text);
  const tail = text.slice(Math.max(root.end, end - 512), end);
  const closed = root.selfClosing ? end === root.end : new RegExp(`</${escape(root.name)}\\s*>$`).test(tail);
  if (closed) return undefined;
  const contentAfter = root.selfClosing || text.lastIndexOf(`</${root.name}`) > root.end;
  return {
    message: contentAfter
      ? `The RDF/XML document has content after its root element <${root.name}>; a document has one root`
      : `The RDF/XML document ends before its root element <${root.name}> is closed: it looks cut off`,
    ...positionOf(text, Math.max(0, end - 1)),
  };
}

interface Root {
  name: string;
  start: number;
  /** Index just after the start tag. */
  end: number;
  selfClosing: boolean;
}

/** The first element's start tag, after the prolog (BOM, XML declaration, comments, PIs, DOCTYPE). */
function rootElement(text: string): Root | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) i = after(text, '?>', i);
    else if (text.startsWith('<!--', i)) i = after(text, '-->', i);
    else if (text.startsWith('<!DOCTYPE', i)) {
      const bracket = text.indexOf('[', i);
      const close = text.indexOf('>', i);
      i = bracket >= 0 && bracket < close ? after(text, '>', after(text, ']', bracket)) : close + 1;
    } else break;
    if (i <= 0 || i >= text.length) return undefined;
  }
  const match = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 256));
  if (!match) return undefined;
  const close = startTagEnd(text, i);
  if (close < 0) return { name: match[1]!, start: i, end: text.length, selfClosing: false };
  return { name: match[1]!, start: i, end: close + 1, selfClosing: text[close - 1] === '/' };
}

/** The `>` that ends the start tag at `at`, skipping quoted attribute values; -1 when there is none. */
function startTagEnd(text: string, at: number): number {
  let quote: string | undefined;
  for (let i = at; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

/** The end of the text without trailing whitespace, comments and processing instructions. */
function trimTrailingMisc(text: string): number {
  let end = text.length;
  for (;;) {
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    const before = text.slice(0, end);
    if (before.endsWith('-->')) end = before.lastIndexOf('<!--');
    else if (before.endsWith('?>')) end = before.lastIndexOf('<?');
    else return end;
    if (end < 0) return 0;
  }
}

function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at < 0 ? -1 : at + token.length;
}

function escape(name: string): string {
  return name.replace(/[.]/g, '\\.');
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
