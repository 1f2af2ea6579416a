import { expect } from 'chai';
import N3 from 'n3';
import { parseRdfXml, RdfXmlError } from '../../src/vocabularies/official/rdf-xml.js';

const lines = (xml: string) =>
  [...new Set(new N3.Writer({ format: 'N-Triples' }).quadsToString(parseRdfXml(xml, 'http://example.org/doc')).trim().split('\n'))].sort();

describe('RDF/XML reader for the official code lists', () => {
  it('reads typed node elements, property attributes, xml:lang, rdf:resource and DOCTYPE entities', () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY skos "http://www.w3.org/2004/02/skos/core#"> ]>
<!-- a comment -->
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="&skos;" xmlns:at="http://example.org/at/" xml:lang="en">
  <skos:Concept rdf:about="http://example.org/c/A" at:deprecated="false">
    <skos:prefLabel xml:lang="sv">Miljö &amp; natur</skos:prefLabel>
    <skos:prefLabel>Environment</skos:prefLabel>
    <skos:inScheme rdf:resource="http://example.org/c"/>
    <rdf:type rdf:resource="&skos;Concept"/>
  </skos:Concept>
</rdf:RDF>`;
    expect(lines(xml)).to.deep.equal([
      '<http://example.org/c/A> <http://example.org/at/deprecated> "false"@en .',
      '<http://example.org/c/A> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#Concept> .',
      '<http://example.org/c/A> <http://www.w3.org/2004/02/skos/core#inScheme> <http://example.org/c> .',
      '<http://example.org/c/A> <http://www.w3.org/2004/02/skos/core#prefLabel> "Environment"@en .',
      '<http://example.org/c/A> <http://www.w3.org/2004/02/skos/core#prefLabel> "Miljö & natur"@sv .',
    ]);
  });

  it('reads nested node elements, default namespaces, rdf:datatype and rdf:parseType="Resource"', () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/s">
    <code xmlns="http://example.org/at/"><ex:Mapped><ex:legacy>.csv</ex:legacy></ex:Mapped></code>
    <ex:date rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2024-01-01</ex:date>
    <ex:inner rdf:parseType="Resource"><ex:v>x</ex:v></ex:inner>
  </rdf:Description>
</rdf:RDF>`;
    const out = lines(xml);
    expect(out).to.have.length(6);
    expect(out).to.include('<http://example.org/s> <http://example.org/date> "2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .');
    expect(out.filter((l) => l.includes('<http://example.org/legacy> ".csv"'))).to.have.length(1);
    expect(out.filter((l) => l.includes('<http://example.org/v> "x"'))).to.have.length(1);
    expect(out.filter((l) => l.startsWith('<http://example.org/s> <http://example.org/at/code> _:'))).to.have.length(1);
  });

  it('refuses what it cannot read instead of dropping triples', () => {
    const ns = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"';
    expect(() => parseRdfXml(`<rdf:RDF ${ns}><rdf:Description><adms:x>1</adms:x></rdf:Description></rdf:RDF>`, 'http://e/')).to.throw(RdfXmlError, /unbound namespace prefix "adms"/);
    expect(() => parseRdfXml(`<rdf:RDF ${ns}><rdf:Description></rdf:RDF>`, 'http://e/')).to.throw(RdfXmlError);
    expect(() => parseRdfXml(`<rdf:RDF ${ns}><rdf:Description><rdf:value rdf:parseType="Literal">text</rdf:value></rdf:Description></rdf:RDF>`, 'http://e/')).to.throw(RdfXmlError, /parseType/);
  });
});
