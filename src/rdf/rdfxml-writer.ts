import type { Quad, Term } from '@rdfjs/types';
import { RDF, RDF_LANG_STRING, XSD_STRING } from './vocabulary.js';

// An XML name start char followed by name chars, restricted to ASCII plus letters beyond it: enough for RDF vocabularies.
const LOCAL_NAME = /[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*$/u;

/**
 * A plain, predictable RDF/XML writer: one rdf:Description per subject in the order given, property elements
 * with rdf:resource, rdf:nodeID or a literal. Harvesters such as dataportal.se's read it with any RDF/XML parser.
 * Written here because the maintained RDF/JS serialisers cover Turtle, N-Triples and JSON-LD but not RDF/XML.
 */
export function writeRdfXml(quads: Quad[], prefixes: Record<string, string>): string {
  const namespaces = new Map<string, string>([[RDF, 'rdf']]);
  for (const [prefix, iri] of Object.entries(prefixes)) if (!namespaces.has(iri)) namespaces.set(iri, prefix);
  const used = new Set<string>([RDF]);

  const qname = (iri: string): string => {
    const match = LOCAL_NAME.exec(iri);
    if (!match || match.index === 0) throw new Error(`The property <${iri}> cannot be written as an RDF/XML element name`);
    const ns = iri.slice(0, match.index);
    let prefix = namespaces.get(ns);
    if (!prefix) {
      prefix = `ns${namespaces.size}`;
      namespaces.set(ns, prefix);
    }
    used.add(ns);
    return `${prefix}:${match[0]}`;
  };

  const body: string[] = [];
  let current: string | undefined;
  for (const quad of quads) {
    const key = termKey(quad.subject);
    if (key !== current) {
      if (current !== undefined) body.push('  </rdf:Description>');
      current = key;
      body.push(
        quad.subject.termType === 'BlankNode'
          ? `  <rdf:Description rdf:nodeID="${attr(quad.subject.value)}">`
          : `  <rdf:Description rdf:about="${attr(quad.subject.value)}">`,
      );
    }
    const element = qname(quad.predicate.value);
    body.push(`    ${propertyElement(element, quad.object)}`);
  }
  if (current !== undefined) body.push('  </rdf:Description>');

  const declarations = [...used].map((ns) => `\n    xmlns:${namespaces.get(ns)}="${attr(ns)}"`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${declarations}>\n${body.join('\n')}${body.length ? '\n' : ''}</rdf:RDF>\n`;
}

function propertyElement(element: string, object: Term): string {
  switch (object.termType) {
    case 'NamedNode':
      return `<${element} rdf:resource="${attr(object.value)}"/>`;
    case 'BlankNode':
      return `<${element} rdf:nodeID="${attr(object.value)}"/>`;
    case 'Literal': {
      let attributes = '';
      if (object.language) attributes = ` xml:lang="${attr(object.language)}"`;
      else if (object.datatype.value !== XSD_STRING && object.datatype.value !== RDF_LANG_STRING) {
        attributes = ` rdf:datatype="${attr(object.datatype.value)}"`;
      }
      return `<${element}${attributes}>${text(object.value)}</${element}>`;
    }
    default:
      throw new Error(`A ${object.termType} cannot be written in RDF/XML`);
  }
}

function termKey(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
