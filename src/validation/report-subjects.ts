import { dcat, dct, RDF_TYPE } from '../rdf/vocabulary.js';
import type { LangValues } from '../search/dataset-summary.js';
import { decodeLiteral, iriOf, splitLine, termKind } from './ntriples-graph.js';

/** What a report groups under: the catalogue (catalogue-level and shared nodes), a dataset or a dataset series. */
export type SubjectKind = 'catalog' | 'dataset' | 'series';

/** The catalogue and dataset IRIs of a validated text, with their titles: what a grouped report names its groups by. */
export interface ReportSubjects {
  /** The IRI of the (first) `a dcat:Catalog` subject, if the text has one. */
  catalog?: string;
  kinds: Map<string, SubjectKind>;
  titles: Map<string, LangValues>;
  /**
   * Contact points and distributions (by IRI or `_:label`) → the datasets linking to them. The partition gives a
   * result the dataset only of nodes no other resource refers to; a contact point named by an IRI is "shared" there
   * even when one dataset uses it, and a report still wants it under that dataset.
   */
  linkedFrom: Map<string, string[]>;
}

const TYPE_LINES: [string, SubjectKind][] = [
  [` <${RDF_TYPE}> <${dcat('Catalog')}> .`, 'catalog'],
  [` <${RDF_TYPE}> <${dcat('Dataset')}> .`, 'dataset'],
  [` <${RDF_TYPE}> <${dcat('DatasetSeries')}> .`, 'series'],
];
const TITLE = ` <${dct('title')}> `;
const LINKS = [` <${dcat('contactPoint')}> `, ` <${dcat('distribution')}> `];

/**
 * Read the catalogue, dataset and series IRIs and their dct:title literals from canonical N-Triples (one triple a
 * line, as our parser and the store write it). Looks only at the lines those predicates are on, by string search:
 * a 10,000-dataset catalogue is read in tens of milliseconds, without a parse.
 */
export function reportSubjects(ntriples: string): ReportSubjects {
  const kinds = new Map<string, SubjectKind>();
  let catalog: string | undefined;
  for (const [suffix, kind] of TYPE_LINES) {
    eachLineWith(ntriples, suffix, (line) => {
      const subject = line.slice(0, line.indexOf(' '));
      if (termKind(subject) !== 'iri') return;
      const iri = iriOf(subject);
      // A series typed as a dataset too stays a series.
      if (kinds.get(iri) !== 'series') kinds.set(iri, kind);
      if (kind === 'catalog') catalog ??= iri;
    });
  }
  const titles = new Map<string, LangValues>();
  eachLineWith(ntriples, TITLE, (line) => {
    const triple = splitLine(line);
    if (!triple || termKind(triple[0]) !== 'iri' || termKind(triple[2]) !== 'literal') return;
    const iri = iriOf(triple[0]);
    if (!kinds.has(iri)) return;
    const { lexical, language } = decodeLiteral(triple[2]);
    const title = titles.get(iri) ?? {};
    title[language] ??= lexical;
    titles.set(iri, title);
  });
  const linkedFrom = new Map<string, string[]>();
  for (const link of LINKS) {
    eachLineWith(ntriples, link, (line) => {
      const triple = splitLine(line);
      if (!triple || termKind(triple[0]) !== 'iri' || termKind(triple[2]) === 'literal') return;
      const dataset = iriOf(triple[0]);
      const kind = kinds.get(dataset);
      if (kind !== 'dataset' && kind !== 'series') return;
      const node = termKind(triple[2]) === 'iri' ? iriOf(triple[2]) : triple[2];
      const datasets = linkedFrom.get(node) ?? [];
      if (!datasets.includes(dataset)) datasets.push(dataset);
      linkedFrom.set(node, datasets);
    });
  }
  return { catalog, kinds, titles, linkedFrom };
}

function eachLineWith(text: string, needle: string, onLine: (line: string) => void): void {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    const start = text.lastIndexOf('\n', at) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    onLine(text.slice(start, end));
  }
}
