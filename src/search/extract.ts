import { Parser, type Quad, type Term } from 'n3';
import { fingerprint } from '../rdf/fingerprint.js';
import { DCAT, DCT, RDF_TYPE } from '../rdf/vocabulary.js';
import { assessDataset } from '../quality/assess.js';
import type { DatasetQuality } from '../quality/quality.js';
import type { DatasetSummary, LangValues } from './dataset-summary.js';

const TYPES = new Map<string, DatasetSummary['type']>([
  [`${DCAT}Dataset`, 'Dataset'],
  [`${DCAT}DatasetSeries`, 'DatasetSeries'],
]);
const DISTRIBUTION = `${DCAT}distribution`;

export interface ExtractRequest {
  ntriples: string;
  catalog: string;
  organisation: string;
  /** `changed` of every summary; the index keeps the earlier one for datasets whose hash did not change. */
  now: string;
  /** Whether the catalog's last accepted write passed a DCAT-AP profile: the MQA's compliance indicator. */
  compliant?: boolean;
  /**
   * Hashes of datasets whose quality the index already holds, assessed with the same `compliant`: an unchanged
   * dataset keeps its entry, so its quality is not computed again (only changed datasets are).
   */
  assessed?: string[];
}

/** A summary as extraction gives it: without `quality` for a dataset named in `assessed`. */
export type ExtractedSummary = Omit<DatasetSummary, 'quality'> & { quality?: DatasetQuality };

/**
 * The summary of every dataset and series (IRIs only: blank-node datasets are refused at publishing) of one catalog
 * graph, in IRI order.
 */
export function extractSummaries({ ntriples, catalog, organisation, now, compliant = false, assessed = [] }: ExtractRequest): ExtractedSummary[] {
  const bySubject = new Map<string, Quad[]>();
  for (const quad of new Parser({ format: 'N-Triples' }).parse(ntriples)) {
    const key = termKey(quad.subject);
    const list = bySubject.get(key);
    if (list) list.push(quad);
    else bySubject.set(key, [quad]);
  }
  const summaries: ExtractedSummary[] = [];
  const known = new Set(assessed);
  for (const [key, quads] of bySubject) {
    if (key.startsWith('_:')) continue;
    const type = quads.map((q) => (q.predicate.value === RDF_TYPE ? TYPES.get(q.object.value) : undefined)).find((t) => t !== undefined);
    if (type) summaries.push(summarise(key, type, quads, bySubject, catalog, organisation, now, compliant, known));
  }
  return summaries.sort((a, b) => (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
}

function summarise(
  iri: string,
  type: 'Dataset' | 'DatasetSeries',
  own: Quad[],
  bySubject: Map<string, Quad[]>,
  catalog: string,
  organisation: string,
  now: string,
  compliant: boolean,
  assessed: Set<string>,
): ExtractedSummary {
  const values = (quads: Quad[], predicate: string) => quads.filter((q) => q.predicate.value === predicate).map((q) => q.object);
  const texts = (terms: Term[]) => terms.filter((t) => t.termType !== 'BlankNode').map((t) => t.value);
  const distributions = [...new Set(values(own, DISTRIBUTION).map(termKey))];
  const ofDistributions = distributions.map((d) => bySubject.get(d) ?? []);
  const distributionValues = (predicate: string) => ofDistributions.flatMap((quads) => texts(values(quads, predicate)));
  const hash = fingerprint(describe(iri, own, distributions, bySubject));
  const dated = values(own, `${DCT}modified`).find((t) => t.termType === 'Literal' && t.value.trim() !== '') ?? values(own, `${DCT}issued`).find((t) => t.termType === 'Literal' && t.value.trim() !== '');
  return {
    iri,
    type,
    catalog,
    organisation,
    title: langValues(values(own, `${DCT}title`)),
    description: langValues(values(own, `${DCT}description`)),
    keywords: values(own, `${DCAT}keyword`)
      .filter((t) => t.termType === 'Literal')
      .map((t) => ({ value: t.value, lang: t.termType === 'Literal' ? t.language : '' })),
    themes: unique(texts(values(own, `${DCAT}theme`))),
    // A distribution's media type only where it names no format: "CSV" beside "text/csv" is one format, not two.
    formats: unique(ofDistributions.flatMap((quads) => {
      const format = texts(values(quads, `${DCT}format`));
      return format.length ? format : texts(values(quads, `${DCAT}mediaType`));
    })),
    licenses: unique([...texts(values(own, `${DCT}license`)), ...distributionValues(`${DCT}license`)]),
    accessRights: unique(texts(values(own, `${DCT}accessRights`))),
    modified: dated?.value.trim() ?? null,
    changed: now,
    distributions: distributions.length,
    hash,
    // Presence and vocabulary checks on triples already grouped (~50 µs a dataset), for changed datasets only.
    ...(assessed.has(hash) ? {} : { quality: assessDataset(own, ofDistributions, compliant) }),
  };
}

/** One text per language; the first literal of a language wins, as pages show one. */
function langValues(terms: Term[]): LangValues {
  const out: LangValues = {};
  for (const term of terms) {
    if (term.termType !== 'Literal') continue;
    const lang = term.language.toLowerCase();
    if (!(lang in out)) out[lang] = term.value;
  }
  return out;
}

const unique = (list: string[]) => [...new Set(list)];

const termKey = (term: Term) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value);

/**
 * The dataset's description (its own triples and its distributions', blank nodes written as their content) as one
 * text independent of blank-node labels, which change on every read from the store. Any change a harvester would
 * see changes it, which is why the whole graph is read rather than only the predicates the summary shows.
 */
function describe(iri: string, own: Quad[], distributions: string[], bySubject: Map<string, Quad[]>): string {
  const parts = [nodeText(own, bySubject, new Set([iri]))];
  for (const distribution of distributions) {
    // A blank-node distribution is written by its content only: its label changes with every read.
    const name = distribution.startsWith('_:') ? '_' : distribution;
    parts.push(`${name} ${nodeText(bySubject.get(distribution) ?? [], bySubject, new Set([iri, distribution]))}`);
  }
  return parts.join('\n');
}

function nodeText(quads: Quad[], bySubject: Map<string, Quad[]>, path: Set<string>): string {
  const lines = quads.map((q) => `${q.predicate.value} ${objectText(q.object, bySubject, path)}`);
  return `[${lines.sort().join(';')}]`;
}

function objectText(term: Term, bySubject: Map<string, Quad[]>, path: Set<string>): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'Literal':
      return `${JSON.stringify(term.value)}@${term.language}^^${term.datatype.value}`;
    case 'BlankNode': {
      const key = termKey(term);
      // A cycle of blank nodes has no finite content; its closing edge is written as a mark.
      if (path.has(key)) return '[cycle]';
      return nodeText(bySubject.get(key) ?? [], bySubject, new Set([...path, key]));
    }
    default:
      return term.value;
  }
}
