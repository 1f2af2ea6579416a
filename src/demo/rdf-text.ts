import { DCAT, DCATAP, DCT, EU_AUTHORITY, FOAF, RDF, RDF_TYPE, VCARD, XSD } from '../rdf/vocabulary.js';

/**
 * The generator's own small RDF model and its two writers. The demo builds descriptions as nested subjects (blank
 * nodes inline, as Turtle shows them) and writes them straight to text: going through an RDF/JS writer would cost
 * more than the generation itself at 50,000 datasets, and n3's writer cannot make IRIs relative to a catalog.
 */
export type Term =
  | { kind: 'iri'; iri: string }
  | { kind: 'literal'; value: string; lang?: string; datatype?: string }
  | { kind: 'blank'; node: Description };

/** A subject with its properties; a blank node when `iri` is absent. */
export interface Description {
  iri?: string;
  /** A blank node's N-Triples label, for callers that edit the text by label (tests); otherwise numbered. */
  label?: string;
  properties: [predicate: string, object: Term][];
}

/** The namespaces the demo writes, with the EU authority tables as prefixes of their own (short Turtle). */
export const NS = {
  rdf: RDF,
  xsd: XSD,
  dcat: DCAT,
  dct: DCT,
  dcatap: DCATAP,
  foaf: FOAF,
  vcard: VCARD,
  theme: `${EU_AUTHORITY}data-theme/`,
  filetype: `${EU_AUTHORITY}file-type/`,
  access: `${EU_AUTHORITY}access-right/`,
  freq: `${EU_AUTHORITY}frequency/`,
  lang: `${EU_AUTHORITY}language/`,
  avail: `${EU_AUTHORITY}planned-availability/`,
} as const;

export { RDF_TYPE };

export const iri = (value: string): Term => ({ kind: 'iri', iri: value });
export const text = (value: string, lang: string): Term => ({ kind: 'literal', value, lang });
export const typed = (value: string, datatype: string): Term => ({ kind: 'literal', value, datatype });
export const date = (value: string): Term => typed(value, `${NS.xsd}date`);
export const blank = (...properties: [string, Term][]): Term => ({ kind: 'blank', node: { properties } });
export const labelledBlank = (label: string | undefined, ...properties: [string, Term][]): Term =>
  label === undefined ? blank(...properties) : { kind: 'blank', node: { label, properties } };

/** Prefixes the Turtle output declares, in this order (the output must not depend on Map iteration quirks). */
const PREFIXES: [string, string][] = [
  ['xsd', NS.xsd],
  ['dcat', NS.dcat],
  ['dct', NS.dct],
  ['dcatap', NS.dcatap],
  ['foaf', NS.foaf],
  ['vcard', NS.vcard],
  ['theme', NS.theme],
  ['filetype', NS.filetype],
  ['access', NS.access],
  ['freq', NS.freq],
  ['lang', NS.lang],
  ['avail', NS.avail],
];

const LOCAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Turtle with IRIs under `relativeTo` written relative to it (a catalog PUT resolves them against
 * `{BASE_URL}/catalogs/{id}/`), and `aliases` written as given (e.g. `../goteborg` for the catalog itself).
 */
export function writeTurtle(descriptions: readonly Description[], options: { relativeTo?: string; aliases?: ReadonlyMap<string, string>; header?: string } = {}): string {
  const { relativeTo, aliases } = options;
  const iriText = (value: string): string => {
    const alias = aliases?.get(value);
    if (alias !== undefined) return `<${alias}>`;
    if (relativeTo && value.startsWith(relativeTo) && value.length > relativeTo.length) return `<${value.slice(relativeTo.length)}>`;
    for (const [prefix, ns] of PREFIXES) {
      if (value.startsWith(ns) && LOCAL_NAME.test(value.slice(ns.length))) return `${prefix}:${value.slice(ns.length)}`;
    }
    return `<${value}>`;
  };
  const predicateText = (p: string): string => (p === RDF_TYPE ? 'a' : iriText(p));
  const termText = (term: Term, indent: string): string => {
    switch (term.kind) {
      case 'iri':
        return iriText(term.iri);
      case 'literal':
        return literalText(term, (dt) => iriText(dt));
      case 'blank':
        return `[ ${propertiesText(term.node, `${indent}    `, ' ;\n' + indent + '    ')} ]`;
    }
  };
  // Objects of one predicate that follow each other are joined with commas, as people write Turtle.
  const propertiesText = (node: Description, indent: string, separator: string): string => {
    const parts: string[] = [];
    let i = 0;
    while (i < node.properties.length) {
      const [p] = node.properties[i]!;
      const objects: string[] = [];
      while (i < node.properties.length && node.properties[i]![0] === p) objects.push(termText(node.properties[i++]![1], indent));
      parts.push(`${predicateText(p)} ${objects.join(', ')}`);
    }
    return parts.join(separator);
  };

  let out = options.header ? options.header.replace(/^/gm, '# ') + '\n' : '';
  for (const [prefix, ns] of PREFIXES) out += `@prefix ${prefix}: <${ns}> .\n`;
  for (const d of descriptions) {
    const subject = d.iri === undefined ? '[]' : iriText(d.iri);
    out += `\n${subject}\n    ${propertiesText(d, '    ', ' ;\n    ')} .\n`;
  }
  return out;
}

/**
 * N-Triples with blank nodes labelled `{labelPrefix}b{n}` in document order (or by their own `label`): stable from one
 * run to the next, which lets a re-PUT of the same catalog as N-Triples be recognised line by line.
 */
export function writeNTriples(descriptions: Iterable<Description>, labelPrefix = ''): string {
  return new NTriplesWriter(labelPrefix).write(descriptions);
}

/**
 * N-Triples written piece by piece with one blank-node numbering across the pieces, so a file of a million lines can
 * be written a dataset at a time and still equal `writeNTriples` of the whole.
 */
export class NTriplesWriter {
  private next = 0;

  constructor(private readonly labelPrefix = '') {}

  write(descriptions: Iterable<Description>): string {
    let out = '';
    for (const d of descriptions) out += this.node(d, d.iri === undefined ? this.blankLabel(d) : `<${d.iri}>`);
    return out;
  }

  private node(node: Description, subject: string): string {
    let out = '';
    for (const [p, o] of node.properties) {
      let object: string;
      if (o.kind === 'blank') {
        object = this.blankLabel(o.node);
        out += this.node(o.node, object);
      } else {
        object = o.kind === 'iri' ? `<${o.iri}>` : literalText(o, (dt) => `<${dt}>`);
      }
      out += `${subject} <${p}> ${object} .\n`;
    }
    return out;
  }

  private blankLabel(node: Description): string {
    return node.label === undefined ? `_:${this.labelPrefix}b${this.next++}` : `_:${node.label}`;
  }
}

function literalText(term: Extract<Term, { kind: 'literal' }>, datatypeText: (datatype: string) => string): string {
  const quoted = JSON.stringify(term.value);
  if (term.lang) return `${quoted}@${term.lang}`;
  if (term.datatype) return `${quoted}^^${datatypeText(term.datatype)}`;
  return quoted;
}
