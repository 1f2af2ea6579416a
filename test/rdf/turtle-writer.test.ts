/**
 * Turtle written from N-Triples lines without parsing them: whatever the terms (escapes, blank nodes, datatypes,
 * IRIs that cannot be prefixed names), reading the Turtle back must give exactly the triples it was written from.
 */
import { expect } from 'chai';
import N3 from 'n3';
import { serializeGraph } from '../../src/rdf/serialize.js';
import { TURTLE } from '../../src/rdf/formats.js';
import { catalogNTriples } from '../validation/catalog-generator.js';

/** Triples as N-Triples text, blank node labels kept as written (N3 otherwise prefixes them per parse). */
function triplesOf(text: string, format: string): string[] {
  const quads = new N3.Parser({ format, blankNodePrefix: '' }).parse(text);
  return new N3.Writer({ format: 'N-Triples' }).quadsToString(quads).split('\n').filter(Boolean).sort();
}

async function expectRoundTrip(ntriples: string): Promise<string> {
  const turtle = await serializeGraph(ntriples, TURTLE);
  expect(triplesOf(turtle, 'Turtle')).to.deep.equal([...new Set(triplesOf(ntriples, 'N-Triples'))]);
  return turtle;
}

describe('Turtle from N-Triples lines', () => {
  it('reads back as the same triples for a generated catalog', async () => {
    await expectRoundTrip(catalogNTriples(40));
  });

  it('keeps escapes, language tags, datatypes and blank nodes, and writes unprefixable IRIs whole', async () => {
    const lines = [
      '<http://www.w3.org/ns/dcat#x> <http://purl.org/dc/terms/title> "quote \\" backslash \\\\ tab \\t nl \\n"@sv-SE .',
      '<http://www.w3.org/ns/dcat#x> <http://purl.org/dc/terms/title> "\\"^^<http://a>" .',
      '<http://www.w3.org/ns/dcat#x> <http://purl.org/dc/terms/modified> "2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .',
      '<http://www.w3.org/ns/dcat#x> <http://purl.org/dc/terms/extent> "7"^^<http://example.org/unit#m%C3%A4ter> .',
      '<http://www.w3.org/ns/dcat#x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .',
      '<http://www.w3.org/ns/dcat#x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Resource> .',
      '<http://www.w3.org/ns/dcat#x> <http://www.w3.org/ns/dcat#contactPoint> _:b0 .',
      '_:b0 <http://www.w3.org/2006/vcard/ns#fn> "Ann\\u00E9" .',
      '_:b0 <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:a@b.se> .',
      // Local parts a prefixed name cannot hold as written: a trailing dot, a slash, a percent escape, a \u escape.
      '<http://www.w3.org/ns/dcat#end.> <http://purl.org/dc/terms/source> <http://www.w3.org/ns/dcat#a/b> .',
      '<http://www.w3.org/ns/dcat#a%20b> <http://purl.org/dc/terms/source> <http://www.w3.org/ns/dcat#a\\u00E4b> .',
      '<http://purl.org/dc/terms/> <http://purl.org/dc/terms/source> <http://www.w3.org/ns/dcat#1.5> .',
      '<https://example.org/a> <https://example.org/p> "x" .',
    ];
    const turtle = await expectRoundTrip(`${lines.join('\n')}\n`);
    expect(turtle).to.match(/^@prefix dcat: <http:\/\/www\.w3\.org\/ns\/dcat#> \.$/m);
    expect(turtle).to.include('"2024-01-01"^^xsd:date');
    expect(turtle).to.include('<http://www.w3.org/ns/dcat#end.>');
    expect(turtle).to.include(' a dcat:Dataset ,');
    expect(turtle).not.to.match(/@prefix foaf:/);
  });

  it('writes nothing for an empty graph', async () => {
    expect(await serializeGraph('', TURTLE)).to.equal('');
  });
});
