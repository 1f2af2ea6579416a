/**
 * Shared by the layer suites (geodcat-ap, statdcat-ap): validating a Turtle text in process, the "one change to the
 * conforming example" cases, and the checks every layer's shape files must pass (messages in both languages).
 */
import { expect } from 'chai';
import fs from 'node:fs';
import N3 from 'n3';
import { parseToNTriples } from '../../src/rdf/parse.js';
import { RDF_TYPE, SH } from '../../src/rdf/vocabulary.js';
import { runValidationTask } from '../../src/validation/validate-task.js';
import type { ValidationResult } from '../../src/validation/report.js';

export async function turtleToNTriples(turtle: string): Promise<string> {
  const outcome = await parseToNTriples({ bytes: Buffer.from(turtle), mediaType: 'text/turtle', baseIri: 'http://localhost:3030/catalogs/goteborg/' });
  if (!outcome.ok) throw new Error(`the test document does not parse: ${outcome.message}`);
  return outcome.ntriples;
}

export async function validateTurtle(profileId: string, turtle: string): Promise<ValidationResult[]> {
  return runValidationTask({ profileId, ntriples: await turtleToNTriples(turtle), chunk: { index: 0, count: 1 } }).results;
}

/** One change to the conforming example and every result it must give: [shape IRI, severity, path]. */
export interface BrokenCase {
  name: string;
  /** Exact text of the conforming example to replace (must occur exactly once). */
  replace: string;
  by: string;
  expected: [shape: string, severity: 'Violation' | 'Warning', path: string][];
}

/** The conforming text with one change; fails the test when the text to replace is not there exactly once. */
export function applyCase(text: string, c: { name: string; replace: string; by: string }): string {
  const at = text.indexOf(c.replace);
  expect(at, `${c.name}: the text to replace is in the example`).to.be.greaterThan(-1);
  expect(text.indexOf(c.replace, at + 1), `${c.name}: the text to replace occurs once`).to.equal(-1);
  return text.slice(0, at) + c.by + text.slice(at + c.replace.length);
}

export const resultKeys = (results: ValidationResult[]) => results.map((r) => [r.shape, r.severity, r.path] as [string, string, string]).sort();

/** Every shape of a layer's own files has sh:message @en and @sv; every property shape sh:name @en and @sv. */
export function expectBilingualShapes(files: string[]): number {
  const store = new N3.Store();
  for (const f of files) store.addQuads(new N3.Parser({ baseIRI: `file://${f}` }).parse(fs.readFileSync(f, 'utf8')));
  const named = (s: N3.Term) => s.termType === 'NamedNode';
  const shapes = [
    ...store.getSubjects(RDF_TYPE, `${SH}PropertyShape`, null),
    ...store.getSubjects(RDF_TYPE, `${SH}NodeShape`, null),
  ].filter(named);
  const missing: string[] = [];
  for (const shape of shapes) {
    const languages = (p: string) => store.getObjects(shape, p, null).map((o) => (o as N3.Literal).language);
    for (const lang of ['en', 'sv']) {
      if (!languages(`${SH}message`).includes(lang)) missing.push(`${shape.value} sh:message @${lang}`);
      if (store.has(N3.DataFactory.quad(shape as N3.NamedNode, N3.DataFactory.namedNode(RDF_TYPE), N3.DataFactory.namedNode(`${SH}PropertyShape`))) && !languages(`${SH}name`).includes(lang)) {
        missing.push(`${shape.value} sh:name @${lang}`);
      }
    }
  }
  expect(missing).to.deep.equal([]);
  return shapes.length;
}
