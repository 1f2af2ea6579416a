import N3 from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { XSD_STRING } from '../../rdf/vocabulary.js';

/**
 * Virtuoso's N-Triples (tab-separated, its own escaping) as canonical lines the way Oxigraph writes them: single
 * spaces, ` .` at the end, xsd:string literals plain. The literal bookkeeping and the serialisers in src/rdf/
 * split lines at spaces, so every text read from Virtuoso goes through here first.
 */
export function canonicalNTriples(text: string): string {
  if (!text.trim()) return '';
  const quads = new N3.Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(text) as Quad[];
  let out = '';
  for (const quad of quads) out += `${termToNt(quad.subject)} ${termToNt(quad.predicate)} ${termToNt(quad.object)} .\n`;
  return out;
}

export function termToNt(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal': {
      const quoted = `"${escapeString(term.value)}"`;
      if (term.language) return `${quoted}@${term.language}`;
      if (term.datatype.value === XSD_STRING) return quoted;
      return `${quoted}^^<${term.datatype.value}>`;
    }
    default:
      throw new Error(`unexpected ${term.termType} in a triple`);
  }
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** Oxigraph's escaping: the named escapes, other control characters as \uXXXX, everything else as it is. */
function escapeString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/["\\\u0000-\u001f\u007f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
