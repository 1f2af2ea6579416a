/**
 * "The official shapes give the same verdict as ours on the official examples, with each exception named and
 * explained" (issue 8, Tests). Shared by the DCAT-AP, GeoDCAT-AP and StatDCAT-AP suites.
 *
 * The verdict is "conforms" = no sh:Violation (warnings never count, see src/validation/README.md). Ours comes from
 * the compiled engine on the profile's whole stack; the official one from rdf-validate-shacl on the SEMIC files in
 * ../shared/reference with the same background knowledge our profile merges (src/validation/reference-engine.ts).
 *
 * An exception is a document whose verdicts differ. Each is named in the suite's table with the known difference(s)
 * that explain it, and the explanation is checked, not just asserted: every Violation on the failing side must be one
 * that a named difference accounts for (a predicate over the result, the shapes and the document). A document in the
 * table whose verdicts agree fails too, so the table cannot go stale.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import N3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { ReferenceValidator, comparable, type ComparableResult } from '../../src/validation/reference-engine.js';
import { runValidationTask } from '../../src/validation/validate-task.js';
import { loadProfile } from '../../src/validation/loaded-profile.js';
import { DCAT, DCT, GEODCATAP, LOCN, RDF_TYPE, RDFS, SH } from '../../src/rdf/vocabulary.js';
import { ntriplesOf } from './support.js';

export interface Document {
  name: string;
  ntriples: string;
}

/** What a known difference looks at: one result of the failing side, the shapes that made it, the document. */
export interface DifferenceContext {
  result: ComparableResult;
  /** The shapes graph of the side the result comes from. */
  shapes: N3.Store;
  document: N3.Store;
}

export interface KnownDifference {
  /** Where it is documented and why it exists, in one line. */
  name: string;
  /** Which side reports a Violation the other does not. */
  side: 'official' | 'ours';
  explains(context: DifferenceContext): boolean;
}

export interface Comparison {
  document: string;
  ours: ComparableResult[];
  official: ComparableResult[];
}

const violations = (results: ComparableResult[]) => results.filter((r) => r.severity === 'Violation');
const term = (key: string) => (key.startsWith('_:') ? N3.DataFactory.blankNode(key.slice(2)) : N3.DataFactory.namedNode(key));

/** The sh:class of the shape that made a result (undefined when it has none). */
function requiredClass({ result, shapes }: DifferenceContext): string | undefined {
  return shapes.getObjects(term(result.shape), `${SH}class`, null)[0]?.value;
}

const isClassResult = (r: ComparableResult) => r.component === `${SH}ClassConstraintComponent`;
const iriOfValue = (r: ComparableResult) => (r.value?.startsWith('<') ? r.value.slice(1, -1) : undefined);

/** Known differences, each pointing at where it is written down. */
export const KNOWN = {
  rdfsResourceRanges: {
    name: 'official sh:class rdfs:Resource on URLs and links: every value fails without RDFS entailment (fact sheet dcat-ap.md §9.6)',
    side: 'official',
    explains: (c) => isClassResult(c.result) && requiredClass(c) === `${RDFS}Resource`,
  },
  externalRanges: {
    name: 'official sh:class on a resource the document links to but does not describe (code-list values, pages, metrics, roles): shapes/README.md "range.ttl class-checks links to external things"; ours check those by namespace, or only when the document types them',
    side: 'official',
    explains: (c) => {
      const iri = iriOfValue(c.result);
      return isClassResult(c.result) && iri !== undefined && c.document.countQuads(N3.DataFactory.namedNode(iri), null, null, null) === 0;
    },
  },
  geometryLiteral: {
    name: 'official locn:geometry must be a locn:Geometry node (sh:class, sh:nodeKind), so a WKT or GML literal fails, although GeoDCAT-AP gives geometries as literals (fact sheet dcat-ap.md §9.8); ours accept both and check the literal',
    side: 'official',
    explains: (c) =>
      c.result.path === `${LOCN}geometry` &&
      (c.result.value?.startsWith('"') ?? false) &&
      [`${SH}ClassConstraintComponent`, `${SH}NodeKindConstraintComponent`].includes(c.result.component),
  },
  referenceSystemAsStandard: {
    name: 'official geodcatap:referenceSystem must be a skos:Concept, but GeoDCAT-AP describes a reference system as a dct:Standard (its example standard-crs.ttl; dct:conformsTo, of which referenceSystem is a sub-property, ranges over dct:Standard); ours ask for an OGC register IRI',
    side: 'official',
    explains: (c) => {
      const iri = iriOfValue(c.result);
      return isClassResult(c.result) && c.result.path === `${GEODCATAP}referenceSystem` && iri !== undefined && c.document.countQuads(N3.DataFactory.namedNode(iri), N3.DataFactory.namedNode(RDF_TYPE), N3.DataFactory.namedNode(`${DCT}Standard`), null) > 0;
    },
  },
  seriesAsDataset: {
    name: 'official sh:class dcat:Dataset on dcat:dataset / dcat:servesDataset pointing to a dcat:DatasetSeries; ours accept a series there (shapes/README.md, background file)',
    side: 'official',
    explains: (c) => {
      const iri = iriOfValue(c.result);
      return isClassResult(c.result) && requiredClass(c) === `${DCAT}Dataset` && iri !== undefined && c.document.countQuads(N3.DataFactory.namedNode(iri), N3.DataFactory.namedNode(RDF_TYPE), N3.DataFactory.namedNode(`${DCAT}DatasetSeries`), null) > 0;
    },
  },
  datesBehindShShape: {
    name: 'dates the official shapes.ttl never checks because it uses the non-standard sh:shape (fact sheet dcat-ap.md §9.1); ours check them with sh:node dpv:TemporalLiteral',
    side: 'ours',
    explains: (c) =>
      ['Dataset-dct_issued-value', 'Dataset-dct_modified-value', 'CatalogRecord-dct_modified-value', 'PeriodOfTime-dcat_startDate-value', 'PeriodOfTime-dcat_endDate-value'].some(
        (s) => c.result.shape === `urn:dataportal-vast:shapes:dcat-ap-3:${s}`,
      ),
  },
} satisfies Record<string, KnownDifference>;

/** Reads shape files the way the reference engine sees them (blank-node labels as parsed). */
export function readShapes(files: string[]): Quad[] {
  return files.flatMap((f) => new N3.Parser({ baseIRI: `file://${f}` }).parse(fs.readFileSync(f, 'utf8')) as Quad[]);
}

/** Turtle files as N-Triples by our parser; the ones that do not parse are returned apart (named in the suites). */
export async function readDocuments(files: string[]): Promise<{ parsed: Document[]; unparseable: string[] }> {
  const parsed: Document[] = [];
  const unparseable: string[] = [];
  for (const file of files) {
    try {
      parsed.push({ name: file, ntriples: await ntriplesOf(file, 'text/turtle', 'http://example.org/base/') });
    } catch {
      unparseable.push(file);
    }
  }
  return { parsed, unparseable };
}

/** Both verdicts on each document. */
export async function compare(profileId: string, officialShapes: Quad[], documents: Document[]): Promise<Comparison[]> {
  const reference = new ReferenceValidator(officialShapes, loadProfile(profileId).backgroundQuads);
  const out: Comparison[] = [];
  for (const doc of documents) {
    const ours = comparable(runValidationTask({ profileId, ntriples: doc.ntriples, chunk: { index: 0, count: 1 } }).results);
    out.push({ document: doc.name, ours, official: await reference.validate(doc.ntriples) });
  }
  return out;
}

/**
 * Asserts equal verdicts except for the named exceptions, and that each exception is fully explained by the
 * differences named for it. `exceptions` maps a document name to the keys of KNOWN (or extra differences) that explain it.
 * Returns the number of documents with equal verdicts, for the suite to assert it compared something.
 */
export function expectSameVerdicts(
  comparisons: Comparison[],
  documents: Document[],
  officialShapes: Quad[],
  profileId: string,
  exceptions: Record<string, KnownDifference[]>,
): number {
  const official = new N3.Store(officialShapes as N3.Quad[]);
  const ours = new N3.Store(loadProfile(profileId).shapeQuads as N3.Quad[]);
  let agreeing = 0;
  for (const c of comparisons) {
    const oursConforms = violations(c.ours).length === 0;
    const officialConforms = violations(c.official).length === 0;
    const named = exceptions[c.document];
    if (oursConforms === officialConforms) {
      expect(named, `${c.document}: listed as an exception, but both verdicts are "${oursConforms ? 'conforms' : 'does not conform'}" — remove it from the table`).to.equal(undefined);
      agreeing++;
      continue;
    }
    const failing = oursConforms ? 'official' : 'ours';
    const unexplainedMessage = `${c.document}: ours ${oursConforms ? 'conforms' : 'does not conform'}, the official shapes ${officialConforms ? 'conform' : 'do not'}`;
    expect(named, `${unexplainedMessage}; not in the exception table:\n${listViolations(failing === 'ours' ? c.ours : c.official)}`).to.not.equal(undefined);
    const document = new N3.Store(new N3.Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(documents.find((d) => d.name === c.document)!.ntriples));
    const shapes = failing === 'ours' ? ours : official;
    const unexplained = violations(failing === 'ours' ? c.ours : c.official).filter(
      (result) => !named!.some((d) => d.side === failing && d.explains({ result, shapes, document })),
    );
    expect(unexplained.map(line), `${unexplainedMessage}; these Violations are not explained by ${named!.map((d) => `"${d.name}"`).join(', ')}`).to.deep.equal([]);
  }
  return agreeing;
}

const line = (r: ComparableResult) => `${r.focusNode} ${r.path ?? '(node)'} ${r.value ?? '-'} [${r.component.replace(SH, 'sh:')}, ${r.shape}]`;
const listViolations = (results: ComparableResult[]) => violations(results).map((r) => `  ${line(r)}`).join('\n');
