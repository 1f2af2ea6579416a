import { splitTriple } from './ntriples-line.js';
import { RDF_TYPE } from './vocabulary.js';

/**
 * Turtle written straight from sorted, canonical N-Triples lines (as Oxigraph writes them), without parsing them
 * into terms: every N-Triples term is already valid Turtle, so only grouping by subject and predicate and shortening
 * IRIs to prefixed names is left. Measured on a 5,500-triple /catalog page at 50,000 datasets this takes a few ms
 * where N3's parser and writer took 15–20 ms (bench/RESULTS.md, "Portal reads").
 */
export function writeTurtleFromLines(lines: string[], prefixes: Record<string, string>): string {
  // Longest namespace first, so a namespace nested in another (dcat: in dcatap:'s base) never takes its IRIs.
  const namespaces = Object.entries(prefixes).sort((a, b) => b[1].length - a[1].length);
  const used = new Set<string>();
  // Predicates, classes, datatypes and code-list values repeat on every dataset: look each IRI up once.
  const names = new Map<string, string>();
  const name = (iri: string): string => {
    let written = names.get(iri);
    if (written !== undefined) return written;
    written = `<${iri}>`;
    for (const [prefix, ns] of namespaces) {
      if (iri.startsWith(ns) && LOCAL_NAME.test(iri.slice(ns.length))) {
        used.add(prefix);
        written = `${prefix}:${iri.slice(ns.length)}`;
        break;
      }
    }
    names.set(iri, written);
    return written;
  };
  const term = (token: string): string => {
    if (token.startsWith('<')) return name(token.slice(1, -1));
    const datatype = token.endsWith('>') ? token.lastIndexOf('"^^<') : -1;
    if (datatype >= 0) return `${token.slice(0, datatype + 3)}${name(token.slice(datatype + 4, -1))}`;
    return token;
  };

  const body: string[] = [];
  let subject: string | undefined;
  let predicate: string | undefined;
  for (const line of lines) {
    const triple = splitTriple(line);
    if (triple[0] !== subject) {
      if (subject !== undefined) body.push(' .\n');
      subject = triple[0];
      predicate = triple[1];
      body.push(`${term(subject)} ${predicateTerm(predicate, name)} ${term(triple[2])}`);
    } else if (triple[1] !== predicate) {
      predicate = triple[1];
      body.push(` ;\n    ${predicateTerm(predicate, name)} ${term(triple[2])}`);
    } else {
      body.push(` ,\n        ${term(triple[2])}`);
    }
  }
  if (subject !== undefined) body.push(' .\n');
  const header = namespaces
    .filter(([prefix]) => used.has(prefix))
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([prefix, ns]) => `@prefix ${prefix}: <${ns}> .\n`)
    .join('');
  return header ? `${header}\n${body.join('')}` : body.join('');
}

/**
 * A local name we write without escapes: letters, digits, `_`, `-` and inner dots (PN_LOCAL allows more, but every
 * IRI outside this set is simply written whole).
 */
const LOCAL_NAME = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?$/;

const RDF_TYPE_TOKEN = `<${RDF_TYPE}>`;

function predicateTerm(token: string, name: (iri: string) => string): string {
  return token === RDF_TYPE_TOKEN ? 'a' : name(token.slice(1, -1));
}
