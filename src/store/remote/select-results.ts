import { StoreError } from '../store-error.js';

/** One term of a SELECT row as Virtuoso's JSON gives it. */
export interface VirtuosoTerm {
  type: string;
  value: string;
  datatype?: string;
  'xml:lang'?: string;
}

interface VirtuosoResults {
  head: { vars: string[] };
  results: { bindings: Record<string, VirtuosoTerm>[] };
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/**
 * SELECT results written in the format asked for, from Virtuoso's JSON. Virtuoso 7.2.5's own TSV is not SPARQL's
 * (`"s"` for `?s`, IRIs as quoted strings, language tags dropped), its CSV and JSON write blank nodes as
 * `nodeID://…`, and its JSON uses the old `typed-literal` type. An answer is at most ResultSetMaxRows rows, so it is
 * read whole and written here, the same way in every format.
 */
export function writeSelectResults(json: unknown, mediaType: string): string {
  const results = json as VirtuosoResults;
  if (!results?.head?.vars || !results.results?.bindings) throw new StoreError('failed', 'The remote store answered a SELECT with no results table');
  const vars = results.head.vars;
  const rows = results.results.bindings.map((row) => Object.fromEntries(Object.entries(row).map(([name, term]) => [name, standardTerm(term)])));
  switch (mediaType) {
    case 'application/sparql-results+json':
      return JSON.stringify({ head: { vars }, results: { bindings: rows } });
    case 'application/sparql-results+xml':
      return xml(vars, rows);
    case 'text/csv':
      return [vars.map(csvField).join(','), ...rows.map((row) => vars.map((v) => csvField(row[v] ? row[v].value : '')).join(','))].map((line) => `${line}\r\n`).join('');
    case 'text/tab-separated-values':
      return [vars.map((v) => `?${v}`).join('\t'), ...rows.map((row) => vars.map((v) => (row[v] ? tsvTerm(row[v]) : '')).join('\t'))].map((line) => `${line}\n`).join('');
    default:
      throw new StoreError('unsupported', `SELECT results cannot be written as ${mediaType}`);
  }
}

/** SPARQL 1.1 JSON terms: `literal` with its datatype or language, blank node labels without Virtuoso's scheme. */
export function standardTerm(term: VirtuosoTerm): VirtuosoTerm {
  if (term.type === 'bnode') return { type: 'bnode', value: term.value.replace(/^nodeID:\/\//, '') };
  if (term.type === 'typed-literal' || term.type === 'literal') {
    if (term['xml:lang']) return { type: 'literal', value: term.value, 'xml:lang': term['xml:lang'] };
    if (term.datatype && term.datatype !== XSD_STRING) return { type: 'literal', value: term.value, datatype: term.datatype };
    return { type: 'literal', value: term.value };
  }
  return { type: 'uri', value: term.value };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function tsvTerm(term: VirtuosoTerm): string {
  if (term.type === 'uri') return `<${term.value}>`;
  if (term.type === 'bnode') return `_:${term.value}`;
  const quoted = `"${term.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
  if (term['xml:lang']) return `${quoted}@${term['xml:lang']}`;
  return term.datatype ? `${quoted}^^<${term.datatype}>` : quoted;
}

function xml(vars: string[], rows: Record<string, VirtuosoTerm>[]): string {
  const out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>'];
  for (const v of vars) out.push(`<variable name="${escapeXml(v)}"/>`);
  out.push('</head>\n<results>\n');
  for (const row of rows) {
    out.push('<result>');
    for (const [name, term] of Object.entries(row)) {
      let value: string;
      if (term.type === 'uri') value = `<uri>${escapeXml(term.value)}</uri>`;
      else if (term.type === 'bnode') value = `<bnode>${escapeXml(term.value)}</bnode>`;
      else if (term['xml:lang']) value = `<literal xml:lang="${escapeXml(term['xml:lang'])}">${escapeXml(term.value)}</literal>`;
      else if (term.datatype) value = `<literal datatype="${escapeXml(term.datatype)}">${escapeXml(term.value)}</literal>`;
      else value = `<literal>${escapeXml(term.value)}</literal>`;
      out.push(`<binding name="${escapeXml(name)}">${value}</binding>`);
    }
    out.push('</result>\n');
  }
  out.push('</results>\n</sparql>\n');
  return out.join('');
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
