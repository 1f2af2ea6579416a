/**
 * Blank nodes parsed from Turtle, RDF/XML and JSON-LD get labels from what they are, so that the same catalog sent
 * twice gives the same lines (a re-PUT then changes only what changed), and the graph stays the same graph.
 */
import { expect } from 'chai';
import { parseToNTriples } from '../../src/rdf/parse.js';
import { canonical, toNTriples } from '../support/rdf.js';

const PREFIXES = '@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix v: <http://www.w3.org/2006/vcard/ns#> . @prefix dct: <http://purl.org/dc/terms/> .\n';

async function parse(text: string, mediaType = 'text/turtle'): Promise<string> {
  const outcome = await parseToNTriples({ bytes: Buffer.from(text), mediaType, baseIri: 'http://example.org/' });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.ntriples;
}

const lines = (ntriples: string) => ntriples.split('\n').filter(Boolean).sort();

describe('stable blank-node labels', () => {
  const doc = `${PREFIXES}
    <http://example.org/d1> dcat:contactPoint [ v:fn "A" ; v:hasAddress [ v:locality "Borås" ] ] ; dct:temporal [ dcat:startDate "2020" ] .
    <http://example.org/d2> dcat:contactPoint [ v:fn "A" ; v:hasAddress [ v:locality "Borås" ] ] .`;

  it('gives the same document the same lines every time it is parsed', async () => {
    expect(lines(await parse(doc))).to.deep.equal(lines(await parse(doc)));
  });

  it('changes only the lines of the blank node that changed and of the nodes below it', async () => {
    const before = new Set(lines(await parse(doc)));
    const after = lines(await parse(doc.replace('"2020"', '"2021"')));
    const changed = after.filter((line) => !before.has(line));
    expect(changed).to.have.length(2); // the period's date and the link to the period
    expect(changed.every((line) => line.includes('temporal') || line.includes('startDate'))).to.equal(true);
  });

  it('keeps the graph: identical twins stay two nodes, shared and unreferenced nodes keep their triples', async () => {
    const twins = `${PREFIXES}
      <http://example.org/d1> dct:temporal [ dcat:startDate "2020" ], [ dcat:startDate "2020" ] .
      _:shared v:fn "S" . <http://example.org/a> v:org _:shared . <http://example.org/b> v:org _:shared .
      _:lonely v:fn "L" .`;
    const parsed = await parse(twins);
    expect(await canonical(parsed)).to.equal(await canonical(toNTriples(twins, 'ttl', 'http://example.org/')));
    expect(lines(parsed).filter((l) => l.includes('startDate'))).to.have.length(2);
    const cycle = lines(await parse(`${PREFIXES} _:x v:next _:y . _:y v:next _:x .`)).map((l) => l.split(' '));
    expect(cycle).to.have.length(2);
    expect(cycle[0]![0]).to.not.equal(cycle[1]![0]);
    expect(cycle[0]![0]).to.equal(cycle[1]![2]);
    expect(cycle[1]![0]).to.equal(cycle[0]![2]);
  });

  it('labels JSON-LD and RDF/XML blank nodes the same way on every parse', async () => {
    const jsonld = JSON.stringify({ '@id': 'http://example.org/d1', 'http://www.w3.org/ns/dcat#contactPoint': { 'http://www.w3.org/2006/vcard/ns#fn': 'A' } });
    expect(lines(await parse(jsonld, 'application/ld+json'))).to.deep.equal(lines(await parse(jsonld, 'application/ld+json')));
    const rdfxml = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:v="http://www.w3.org/2006/vcard/ns#">
      <rdf:Description rdf:about="http://example.org/d1"><dcat:contactPoint><rdf:Description><v:fn>A</v:fn></rdf:Description></dcat:contactPoint></rdf:Description></rdf:RDF>`;
    expect(lines(await parse(rdfxml, 'application/rdf+xml'))).to.deep.equal(lines(await parse(rdfxml, 'application/rdf+xml')));
  });
});

