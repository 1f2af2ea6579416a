import { Parser } from 'n3';
import type { AppContext } from '../context.js';
import { catalogGraph } from '../catalogs/catalog-id.js';
import { allRecords, type CatalogRecord } from '../catalogs/catalog-record.js';
import { catalogNodeConstruct, iriTerm } from '../catalogs/dataset-page.js';
import { dcat, dct } from '../rdf/vocabulary.js';
import { describeConstruct } from '../linked-data/describe.js';
import type { RenderPart } from '../store/store.js';
import type { LangValues } from '../search/dataset-summary.js';
import type { CatalogSummary, ValidationStatus } from './view-models.js';

/**
 * What the pages read from the store beyond the dataset index: the description of one resource with what its page
 * shows of its neighbours, as N-Triples with the literals as written. One render call, so one round trip to a replica.
 */
type Reader = Pick<AppContext, 'store' | 'records' | 'config'>;

const ntriplesOf = (ctx: Reader, parts: RenderPart[]): Promise<string> => ctx.store.ntriples(parts);

/** The triples of the IRI-named resources `iri` links to with `predicate`, and their blank nodes one level down. */
function linkedConstruct(graph: string, iri: string, predicate: string): string {
  const link = `${iriTerm(iri)} ${iriTerm(predicate)} ?x . FILTER(isIRI(?x))`;
  return `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${iriTerm(graph)} {
  { ${link} ?x ?p ?o . BIND(?x AS ?s) }
  UNION { ${link} ?x ?p1 ?s . FILTER(isBlank(?s)) ?s ?p ?o }
} }`;
}

/** A dataset, its distributions, its publisher and its catalog's titles: everything its page shows, in one read. */
export async function datasetDescription(ctx: Reader, graph: string, iri: string, catalogIri: string): Promise<{ ntriples: string; catalogTitle: LangValues }> {
  const ntriples = await ntriplesOf(ctx, [
    { graph, construct: describeConstruct(graph, iri) },
    { graph, construct: linkedConstruct(graph, iri, dcat('distribution')) },
    { graph, construct: linkedConstruct(graph, iri, dct('publisher')) },
    { graph, construct: titleConstruct(graph, catalogIri) },
  ]);
  const prefix = `${iriTerm(catalogIri)} ${iriTerm(dct('title'))} `;
  return { ntriples, catalogTitle: titlesOf(ntriples.split('\n').filter((line) => line.startsWith(prefix)).join('\n')).get(catalogIri) ?? {} };
}

function titleConstruct(graph: string, iri: string): string {
  const subject = iriTerm(iri);
  return `CONSTRUCT { ${subject} ${iriTerm(dct('title'))} ?t } WHERE { GRAPH ${iriTerm(graph)} { ${subject} ${iriTerm(dct('title'))} ?t } }`;
}

/** Subject → language → title, from N-Triples of dct:title lines. */
function titlesOf(ntriples: string): Map<string, LangValues> {
  const titles = new Map<string, LangValues>();
  for (const quad of new Parser({ format: 'N-Triples' }).parse(ntriples)) {
    if (quad.object.termType !== 'Literal') continue;
    const title = titles.get(quad.subject.value) ?? {};
    title[quad.object.language] = quad.object.value;
    titles.set(quad.subject.value, title);
  }
  return titles;
}

/** A distribution and the dataset it belongs to (the link and the dataset's titles). */
export async function distributionDescription(ctx: Reader, graph: string, iri: string): Promise<{ ntriples: string; dataset: { iri: string; title: LangValues } | null }> {
  const parent = `CONSTRUCT { ?d ${iriTerm(dcat('distribution'))} ${iriTerm(iri)} . ?d ${iriTerm(dct('title'))} ?t } WHERE { GRAPH ${iriTerm(graph)} {
  ?d ${iriTerm(dcat('distribution'))} ${iriTerm(iri)} . OPTIONAL { ?d ${iriTerm(dct('title'))} ?t }
} }`;
  const [ntriples, parentText] = await Promise.all([ntriplesOf(ctx, [{ graph, construct: describeConstruct(graph, iri) }]), ntriplesOf(ctx, [{ graph, construct: parent }])]);
  let dataset: { iri: string; title: LangValues } | null = null;
  for (const quad of new Parser({ format: 'N-Triples' }).parse(parentText)) {
    if (quad.subject.termType !== 'NamedNode') continue;
    dataset ??= { iri: quad.subject.value, title: {} };
    if (quad.subject.value === dataset.iri && quad.predicate.value === dct('title') && quad.object.termType === 'Literal') {
      dataset.title[quad.object.language] = quad.object.value;
    }
  }
  return { ntriples, dataset };
}

/** The catalog resource without its member links, and its publisher. */
export function catalogDescription(ctx: Reader, record: CatalogRecord): Promise<string> {
  const graph = catalogGraph(ctx.config.baseUrl, record.id);
  return ntriplesOf(ctx, [
    { graph, construct: catalogNodeConstruct(graph, record.catalogIri) },
    { graph, construct: linkedConstruct(graph, record.catalogIri, dct('publisher')) },
  ]);
}

/** An organisation's public catalogs with their titles, newest change first. */
export async function organisationCatalogs(ctx: Reader, organisation: string): Promise<CatalogSummary[]> {
  const records = allRecords(ctx.records).filter((record) => record.public && record.organisation === organisation);
  if (records.length === 0) return [];
  const parts = records.map((record) => {
    const graph = catalogGraph(ctx.config.baseUrl, record.id);
    return { graph, construct: titleConstruct(graph, record.catalogIri) };
  });
  const titles = titlesOf(await ntriplesOf(ctx, parts));
  return records
    .map((record) => ({ id: record.id, title: titles.get(record.catalogIri) ?? { '': record.id }, datasets: record.datasets, modified: record.modified }))
    .sort((a, b) => (b.modified ?? '').localeCompare(a.modified ?? ''));
}

/**
 * A stored catalog passed its profile's gate, so it has no violations; its warnings are kept grouped, with a few
 * examples each. For a dataset, the groups that name it among their examples.
 */
export function validationStatus(record: CatalogRecord, iri?: string): ValidationStatus {
  const groups = iri === undefined ? record.warnings : record.warnings.filter((group) => group.examples.includes(iri));
  return { conforms: true, violations: 0, warnings: groups.reduce((n, group) => n + (iri === undefined ? group.count : 1), 0) };
}
