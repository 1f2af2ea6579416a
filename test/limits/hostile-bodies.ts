/** Bodies that pass or just pass a limit, shared by the limit tests. */

export const RDF_HEAD =
  '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n';

/** Valid RDF/XML whose elements nest `depth` deep (rdf:RDF counted): node and property elements in turn. */
export function nestedRdfXml(depth: number): string {
  const inner = depth - 1;
  let open = '';
  let close = '';
  for (let i = 0; i < inner; i++) {
    const name = i % 2 === 0 ? 'ex:N' : 'ex:p';
    open += `<${name}>`;
    close = `</${name}>${close}`;
  }
  // An odd number of inner levels ends on a node element, which may be empty.
  return `${RDF_HEAD}${open}${close}\n</rdf:RDF>\n`;
}

/** RDF/XML of `depth` unclosed elements (the 100,000-deep body). */
export function unclosedRdfXml(depth: number): string {
  return RDF_HEAD + '<ex:N><ex:p>'.repeat(depth / 2);
}

/** One internal entity of `size` characters referenced `references` times in one literal. */
export function entityBody(size: number, references: number): string {
  return (
    `<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n  <!ENTITY big "${'a'.repeat(size)}">\n]>\n` +
    `${RDF_HEAD.slice(RDF_HEAD.indexOf('<rdf:RDF'))}<rdf:Description rdf:about="http://example.org/s">\n` +
    `<ex:p>${'&big;'.repeat(references)}</ex:p>\n</rdf:Description>\n</rdf:RDF>\n`
  );
}

/** A JSON-LD node object whose values nest `depth` objects deep. */
export function nestedJsonLd(depth: number): string {
  let text = '{"@id": "http://example.org/leaf"}';
  for (let i = 1; i < depth; i++) text = `{"http://example.org/p": ${text}}`;
  return text;
}

/** Turtle with `depth` nested blank node property lists, and brackets in a string and an IRI that do not count. */
export function nestedTurtle(depth: number): string {
  return (
    `<http://example.org/s> <http://example.org/label> "[[[[ ((( not nesting", """[[[\n[[[""" .\n` +
    `<http://example.org/s#(x> <http://example.org/p> ${'[ <http://example.org/p> '.repeat(depth)}"leaf"${' ]'.repeat(depth)} .\n`
  );
}

/** `count` N-Triples lines. */
export function ntriples(count: number, from = 0): string {
  let text = '';
  for (let i = from; i < from + count; i++) text += `<http://example.org/s${i}> <http://example.org/p> "${i}" .\n`;
  return text;
}

/**
 * RDF/XML inside every limit that is slow to parse: `bytes` of elements under 255 levels (Oxigraph's RDF/XML parser
 * costs more per element the deeper it is; measured in process: 1 MB 1.0 s, 2 MB 1.8 s).
 */
export function slowRdfXml(bytes: number): string {
  const inner = nestedRdfXml(254);
  const sibling = '<ex:p><ex:N/></ex:p>';
  const middle = inner.indexOf('</ex:N>');
  return `${inner.slice(0, middle)}${sibling.repeat(Math.floor(bytes / sibling.length))}${inner.slice(middle)}`;
}
