import { JSONLD, NTRIPLES, RDFXML, TURTLE, type RdfFormat } from '../rdf/formats.js';
import { serializeGraph } from '../rdf/serialize.js';
import { DPV_REPORT, RDF, SH, SKOS, XSD_BOOLEAN } from '../rdf/vocabulary.js';
import { nearestValue, type Suggestion } from '../vocabularies/nearest.js';
import { literalKey, RDF_TYPE } from './ntriples-graph.js';
import { groupsToJson, type GroupedReport } from './report-groups.js';

/**
 * One validation result.
 *
 * Terms in this JSON: an IRI is the plain IRI string, a blank node is `_:label` (the label of the submitted
 * document as parsed; it names the node only within that report), a literal is its lexical value (datatype and
 * language left out: the message says what was expected). `path` is the predicate IRI for a plain property path,
 * and SPARQL property-path syntax with `<…>` for the rest (e.g. `^<http://www.w3.org/ns/dcat#inSeries>`).
 */
export interface ValidationResult {
  severity: 'Violation' | 'Warning' | 'Info';
  focusNode: string;
  path: string | null;
  value: string | null;
  /** English message from the shape (sh:message @en; another language, or the engine's wording, when it has none). */
  message: string;
  /** Swedish message, when the shape has one. */
  messageSv?: string;
  /** The shape that produced the result (sh:sourceShape). */
  shape: string | null;
  /** sh:sourceConstraintComponent, e.g. http://www.w3.org/ns/shacl#MinCountConstraintComponent */
  component?: string;
  /** The dataset (IRI) whose description the focus node belongs to; absent for shared nodes (catalogue, agents…). */
  dataset?: string;
  /** focusNode and value in N-Triples spelling, so the W3C report keeps datatypes; not part of the JSON output. */
  terms?: { focusNode: string; value: string | null };
}

export interface ValidationReport {
  /** true iff no result has severity Violation: warnings never block. (Not SHACL's sh:conforms, see reportToNTriples.) */
  conforms: boolean;
  results: ValidationResult[];
}

export function makeReport(results: ValidationResult[]): ValidationReport {
  return { conforms: !results.some((r) => r.severity === 'Violation'), results };
}

/** The JSON document: the fields above without the internal `terms`. */
export function reportToJson(report: ValidationReport): unknown {
  return {
    conforms: report.conforms,
    results: report.results.map((r) => ({
      severity: r.severity,
      focusNode: r.focusNode,
      path: r.path,
      value: r.value,
      message: r.message,
      ...(r.messageSv !== undefined ? { messageSv: r.messageSv } : {}),
      shape: r.shape,
      ...(r.component !== undefined ? { component: r.component } : {}),
      ...(r.dataset !== undefined ? { dataset: r.dataset } : {}),
      ...suggestionField(r),
    })),
  };
}

/**
 * The nearest valid value of a result's offending controlled-vocabulary value, when one is obvious ("CSV" for
 * dct:format → the EU file type CSV): `suggestion: { value, label, labelSv }` in JSON, `dpvr:suggestedValue` in the
 * W3C report. Worked out when a report is written, so stored results need no migration.
 */
export function suggestionOf(r: ValidationResult): Suggestion | undefined {
  if (r.path === null || r.value === null || r.path.includes('<') || r.value.startsWith('_:')) return undefined;
  const term = r.terms?.value ?? guessTerm(r.value, false);
  return nearestValue(r.path, r.value, term.startsWith('<'));
}

function suggestionField(r: ValidationResult): { suggestion?: Suggestion } {
  const suggestion = suggestionOf(r);
  return suggestion ? { suggestion } : {};
}

/**
 * The report as a W3C SHACL validation report graph (N-Triples). `sh:conforms` carries the server's meaning, the same
 * as the JSON `conforms` and the contract's: true when there is no sh:Violation. (Plain SHACL would say false as soon
 * as there is any result, warnings included; a catalogue with only warnings is accepted here, and every format of
 * its report should say so.)
 */
export function reportToNTriples(report: ValidationReport): string {
  const used = report.results.flatMap((r) => [r.terms?.focusNode ?? r.focusNode, r.terms?.value ?? r.value ?? '']).filter((t) => t.startsWith('_:'));
  let prefix = 'report';
  while (used.some((t) => t.startsWith(`_:${prefix}`))) prefix += 'x';
  const lines: string[] = [];
  const add = (s: string, p: string, o: string) => lines.push(`${s} ${p} ${o} .`);
  const root = `_:${prefix}`;
  add(root, RDF_TYPE, `<${SH}ValidationReport>`);
  add(root, `<${SH}conforms>`, literalKey(String(report.conforms), '', XSD_BOOLEAN));
  let blank = 0;
  const fresh = () => `_:${prefix}${++blank}`;
  for (const r of report.results) {
    const node = fresh();
    add(root, `<${SH}result>`, node);
    add(node, RDF_TYPE, `<${SH}ValidationResult>`);
    add(node, `<${SH}resultSeverity>`, `<${SH}${r.severity}>`);
    add(node, `<${SH}focusNode>`, r.terms?.focusNode ?? guessTerm(r.focusNode, false));
    if (r.path !== null) add(node, `<${SH}resultPath>`, writePath(r.path, add, fresh));
    const value = r.terms ? r.terms.value : r.value === null ? null : guessTerm(r.value, true);
    if (value !== null) add(node, `<${SH}value>`, value);
    add(node, `<${SH}resultMessage>`, literalKey(r.message, 'en', ''));
    if (r.messageSv !== undefined) add(node, `<${SH}resultMessage>`, literalKey(r.messageSv, 'sv', ''));
    if (r.shape !== null) add(node, `<${SH}sourceShape>`, r.shape.startsWith('_:') ? `_:${prefix}-shape-${r.shape.slice(2)}` : `<${r.shape}>`);
    if (r.component !== undefined) add(node, `<${SH}sourceConstraintComponent>`, `<${r.component}>`);
    const suggestion = suggestionOf(r);
    if (suggestion) {
      add(node, `<${DPV_REPORT}suggestedValue>`, `<${suggestion.value}>`);
      add(`<${suggestion.value}>`, `<${SKOS}prefLabel>`, literalKey(suggestion.label, 'en', ''));
      add(`<${suggestion.value}>`, `<${SKOS}prefLabel>`, literalKey(suggestion.labelSv, 'sv', ''));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Without the N-Triples spelling (a report read back from JSON): IRIs for absolute IRIs, else plain literals. */
function guessTerm(value: string, literalFirst: boolean): string {
  if (value.startsWith('_:')) return value;
  if (!literalFirst && /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/.test(value)) return `<${value}>`;
  return JSON.stringify(value);
}

/** Write a path in our text form (an IRI, or SPARQL property-path syntax) as SHACL path nodes; returns its term. */
function writePath(text: string, add: (s: string, p: string, o: string) => void, fresh: () => string): string {
  if (!text.includes('<')) return `<${text}>`;
  let at = 0;
  const list = (items: string[]): string => {
    let head = `<${RDF}nil>`;
    for (const item of [...items].reverse()) {
      const cell = fresh();
      add(cell, `<${RDF}first>`, item);
      add(cell, `<${RDF}rest>`, head);
      head = cell;
    }
    return head;
  };
  const alternative = (): string => {
    const items = [sequence()];
    while (text[at] === '|') {
      at++;
      items.push(sequence());
    }
    if (items.length === 1) return items[0]!;
    const node = fresh();
    add(node, `<${SH}alternativePath>`, list(items));
    return node;
  };
  const sequence = (): string => {
    const items = [unary()];
    while (text[at] === '/') {
      at++;
      items.push(unary());
    }
    return items.length === 1 ? items[0]! : list(items);
  };
  const unary = (): string => {
    if (text[at] === '^') {
      at++;
      const node = fresh();
      add(node, `<${SH}inversePath>`, unary());
      return node;
    }
    let term: string;
    if (text[at] === '(') {
      at++;
      term = alternative();
      at++; // ')'
    } else {
      const end = text.indexOf('>', at);
      term = text.slice(at, end + 1);
      at = end + 1;
    }
    const modifier = text[at];
    const predicate = modifier === '*' ? 'zeroOrMorePath' : modifier === '+' ? 'oneOrMorePath' : modifier === '?' ? 'zeroOrOnePath' : undefined;
    if (!predicate) return term;
    at++;
    const node = fresh();
    add(node, `<${SH}${predicate}>`, term);
    return node;
  };
  return alternative();
}

/** Media types a report can be written in; the first is the default. */
export const REPORT_MEDIA_TYPES = ['application/json', TURTLE.mediaType, JSONLD.mediaType, NTRIPLES.mediaType, RDFXML.mediaType];

const REPORT_FORMATS: Record<string, RdfFormat> = {
  [TURTLE.mediaType]: TURTLE,
  [JSONLD.mediaType]: JSONLD,
  [NTRIPLES.mediaType]: NTRIPLES,
  [RDFXML.mediaType]: RDFXML,
};

/**
 * The report as a document of one of REPORT_MEDIA_TYPES. With `grouped`, the JSON adds `lang`, `profile`, `counts`
 * and `datasets` (the results per dataset, in the reader's language) after the flat fields, which stay as they were.
 */
export async function writeReport(report: ValidationReport, mediaType: string, grouped?: GroupedReport): Promise<string> {
  if (mediaType === 'application/json') {
    const json = grouped ? { ...(reportToJson(report) as object), ...groupsToJson(grouped) } : reportToJson(report);
    return `${JSON.stringify(json, null, 2)}\n`;
  }
  const format = REPORT_FORMATS[mediaType];
  if (!format) throw new Error(`no report writer for ${mediaType}`);
  return serializeGraph(reportToNTriples(report), format);
}
