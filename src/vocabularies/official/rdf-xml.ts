import N3 from 'n3';
import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { RDF, RDF_LANG_STRING, XSD_STRING } from '../../rdf/vocabulary.js';

/**
 * A small RDF/XML reader for the official code-list files (EU authority tables, ADMS, HVD categories), which are
 * published as RDF/XML only. It covers what those files use — node and property elements, rdf:about/resource/nodeID/
 * ID/datatype, property attributes, xml:lang, xml:base, rdf:parseType="Resource", nested node elements, DOCTYPE entity
 * declarations — and throws on anything it does not understand rather than dropping triples. The project has no
 * RDF/XML parser dependency, and only the vocabulary generator and its tests read RDF/XML.
 */

interface XmlElement {
  /** Expanded name: namespace IRI + local name. */
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  text: string;
  lang: string;
  base: string;
  parseType?: string;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export class RdfXmlError extends Error {}

function decode(text: string, entities: Record<string, string>): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const value = PREDEFINED[ref] ?? entities[ref];
    if (value === undefined) throw new RdfXmlError(`unknown entity ${whole}`);
    return value;
  });
}

/** Parse the XML into a tree of elements with expanded names. */
function parseXml(text: string, documentBase: string): XmlElement {
  const entities: Record<string, string> = {};
  const root: XmlElement = { name: '', attributes: new Map(), children: [], text: '', lang: '', base: documentBase };
  const stack: { element: XmlElement; namespaces: Map<string, string>; qname: string }[] = [
    { element: root, namespaces: new Map([['xml', XML_NS]]), qname: '' },
  ];
  const tag = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE(?:[^[>]*\[([\s\S]*?)\])?[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  let at = 0;
  for (let match = tag.exec(text); match; match = tag.exec(text)) {
    const top = stack.at(-1)!;
    const between = text.slice(at, match.index);
    if (between.includes('<')) throw new RdfXmlError(`cannot read markup near offset ${at + between.indexOf('<')}`);
    top.element.text += decode(between, entities);
    at = tag.lastIndex;
    const [whole, cdata, doctype, closing, opening, attributeText, selfClosing] = match;
    if (whole.startsWith('<!--') || whole.startsWith('<?')) continue;
    if (cdata !== undefined) top.element.text += cdata;
    else if (doctype !== undefined) {
      for (const entity of doctype.matchAll(/<!ENTITY\s+([^\s%]+)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
        entities[entity[1]!] = decode(entity[2] ?? entity[3] ?? '', entities);
      }
    } else if (closing !== undefined) {
      if (closing !== top.qname) throw new RdfXmlError(`</${closing}> closes <${top.qname}>`);
      stack.pop();
    } else if (opening !== undefined) {
      const namespaces = new Map(top.namespaces);
      const raw: [string, string][] = [];
      for (const attribute of (attributeText ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        const value = decode(attribute[2] ?? attribute[3] ?? '', entities);
        const attrName = attribute[1]!;
        if (attrName === 'xmlns') namespaces.set('', value);
        else if (attrName.startsWith('xmlns:')) namespaces.set(attrName.slice(6), value);
        else raw.push([attrName, value]);
      }
      const expand = (qname: string, isAttribute: boolean): string => {
        const colon = qname.indexOf(':');
        const prefix = colon < 0 ? '' : qname.slice(0, colon);
        if (colon < 0 && isAttribute) throw new RdfXmlError(`unqualified attribute ${qname} on <${opening}>`);
        const ns = namespaces.get(prefix);
        if (ns === undefined) throw new RdfXmlError(`unbound namespace prefix "${prefix}" in ${qname}`);
        return ns + qname.slice(colon + 1);
      };
      const attributes = new Map<string, string>();
      for (const [attrName, value] of raw) attributes.set(expand(attrName, true), value);
      const lang = attributes.get(`${XML_NS}lang`) ?? top.element.lang;
      const baseAttribute = attributes.get(`${XML_NS}base`);
      const base = baseAttribute !== undefined ? new URL(baseAttribute, top.element.base).href : top.element.base;
      const element: XmlElement = { name: expand(opening, false), attributes, children: [], text: '', lang, base };
      top.element.children.push(element);
      if (!selfClosing) stack.push({ element, namespaces, qname: opening });
    } else throw new RdfXmlError(`cannot read ${whole.slice(0, 40)}`);
  }
  if (stack.length !== 1) throw new RdfXmlError(`<${stack.at(-1)!.qname}> is never closed`);
  return root;
}

const SYNTAX = new Set(['about', 'resource', 'nodeID', 'ID', 'datatype', 'parseType'].map((n) => RDF + n));
const isPropertyAttribute = (name: string) => !SYNTAX.has(name) && !name.startsWith(XML_NS);

/** Every triple of an RDF/XML document, as RDF/JS quads in the default graph. */
export function parseRdfXml(text: string, documentBase: string): Quad[] {
  const { namedNode, blankNode, literal, quad } = N3.DataFactory;
  const root = parseXml(text, documentBase);
  const quads: Quad[] = [];
  let blanks = 0;
  const fresh = () => blankNode(`b${++blanks}`);
  const nodeIds = new Map<string, N3.BlankNode>();
  const nodeId = (id: string) => nodeIds.get(id) ?? (nodeIds.set(id, blankNode(`n${nodeIds.size}`)), nodeIds.get(id)!);
  const resolve = (iri: string, base: string) => new URL(iri, base).href;
  const plain = (value: string, lang: string) => (lang ? literal(value, lang) : literal(value));

  const subjectOf = (element: XmlElement): Quad_Subject => {
    const about = element.attributes.get(`${RDF}about`);
    if (about !== undefined) return namedNode(resolve(about, element.base));
    const id = element.attributes.get(`${RDF}ID`);
    if (id !== undefined) return namedNode(`${element.base.replace(/#.*$/, '')}#${id}`);
    const node = element.attributes.get(`${RDF}nodeID`);
    return node !== undefined ? nodeId(node) : fresh();
  };

  const propertyAttributes = (subject: Quad_Subject, element: XmlElement) => {
    for (const [name, value] of element.attributes) {
      if (!isPropertyAttribute(name)) continue;
      quads.push(quad(subject, namedNode(name), name === `${RDF}type` ? namedNode(resolve(value, element.base)) : plain(value, element.lang)));
    }
  };

  const node = (element: XmlElement): Quad_Subject => {
    const subject = subjectOf(element);
    if (element.name !== `${RDF}Description`) quads.push(quad(subject, namedNode(`${RDF}type`), namedNode(element.name)));
    propertyAttributes(subject, element);
    for (const child of element.children) property(subject, child);
    return subject;
  };

  const property = (subject: Quad_Subject, element: XmlElement) => {
    if (element.name === `${RDF}li`) throw new RdfXmlError('rdf:li is not supported');
    const predicate = namedNode(element.name);
    const parseType = element.attributes.get(`${RDF}parseType`);
    const resource = element.attributes.get(`${RDF}resource`);
    const nodeRef = element.attributes.get(`${RDF}nodeID`);
    const hasPropertyAttributes = [...element.attributes.keys()].some(isPropertyAttribute);
    let object: Quad_Object;
    if (parseType === 'Resource') {
      const inner = fresh();
      for (const child of element.children) property(inner, child);
      object = inner;
    } else if (parseType !== undefined) {
      throw new RdfXmlError(`rdf:parseType="${parseType}" is not supported`);
    } else if (resource !== undefined || nodeRef !== undefined || hasPropertyAttributes) {
      const target = resource !== undefined ? namedNode(resolve(resource, element.base)) : nodeRef !== undefined ? nodeId(nodeRef) : fresh();
      propertyAttributes(target, element);
      object = target;
    } else if (element.children.length === 1) {
      object = node(element.children[0]!);
    } else if (element.children.length > 1) {
      throw new RdfXmlError(`property <${element.name}> holds ${element.children.length} node elements`);
    } else {
      const datatype = element.attributes.get(`${RDF}datatype`);
      object = datatype !== undefined && datatype !== XSD_STRING && datatype !== RDF_LANG_STRING
        ? literal(element.text, namedNode(resolve(datatype, element.base)))
        : plain(element.text, element.lang);
    }
    quads.push(quad(subject, predicate, object));
  };

  const [document] = root.children;
  if (!document) throw new RdfXmlError('empty document');
  const tops = document.name === `${RDF}RDF` ? document.children : [document];
  for (const element of tops) node(element);
  return quads;
}
