import type { AppContext } from '../context.js';
import { iriTerm } from '../catalogs/dataset-page.js';
import type { RegionalCatalog } from '../catalogs/regional-catalog.js';
import { catalogGraph } from '../catalogs/catalog-id.js';
import type { EmbedDataset, EmbedDatasets, EmbedQuery } from './view-model.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';

/**
 * Every dataset of some catalog graphs with its title and description in `lang` (else Swedish, else any), its
 * date and landing page. Only IRIs are written into the query, as escaped terms; the search text never is.
 */
export function organisationDatasetsQuery(graphs: string[], lang: string): string {
  const text = (property: string, name: string) => `
    OPTIONAL { ?d ${iriTerm(DCT + property)} ?${name}Lang . FILTER(LANGMATCHES(LANG(?${name}Lang), "${lang === 'en' ? 'en' : 'sv'}")) }
    OPTIONAL { ?d ${iriTerm(DCT + property)} ?${name}Sv . FILTER(LANGMATCHES(LANG(?${name}Sv), "sv")) }
    OPTIONAL { ?d ${iriTerm(DCT + property)} ?${name}Any }`;
  return `SELECT ?d (SAMPLE(COALESCE(?titleLang, ?titleSv, ?titleAny)) AS ?title)
  (SAMPLE(COALESCE(?descriptionLang, ?descriptionSv, ?descriptionAny)) AS ?description)
  (COALESCE(MAX(STR(?modifiedAt)), MAX(STR(?issuedAt))) AS ?modified) (SAMPLE(?landing) AS ?url)
  (GROUP_CONCAT(DISTINCT ?keyword; SEPARATOR=" ") AS ?keywords)
WHERE {
  VALUES ?g { ${graphs.map(iriTerm).join(' ')} }
  VALUES ?type { ${iriTerm(DCAT + 'Dataset')} ${iriTerm(DCAT + 'DatasetSeries')} }
  GRAPH ?g {
    ?d a ?type . FILTER(isIRI(?d))${text('title', 'title')}${text('description', 'description')}
    OPTIONAL { ?d ${iriTerm(DCT + 'modified')} ?modifiedAt }
    OPTIONAL { ?d ${iriTerm(DCT + 'issued')} ?issuedAt }
    OPTIONAL { ?d ${iriTerm(DCAT + 'landingPage')} ?landing . FILTER(isIRI(?landing)) }
    OPTIONAL { ?d ${iriTerm(DCAT + 'keyword')} ?keyword }
  }
} GROUP BY ?d`;
}

/** Lower case without diacritics, except that å, ä and ö stay letters of their own (Swedish collation). */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[åäö]/g, (c) => ({ å: '\u0001', ä: '\u0002', ö: '\u0003' })[c]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0001-\u0003]/g, (c) => 'åäö'[c.charCodeAt(0) - 1]!);
}

/**
 * The embed page's datasets straight from the store: the organisation's public catalogs are read whole, then
 * filtered and paged here. Even the largest catalogs of the region (a few hundred datasets) take one small query;
 * the portal's dataset index replaces this when it is wired in (it implements the same `EmbedDatasets`).
 */
export function sparqlEmbedDatasets(ctx: AppContext, regional: RegionalCatalog): EmbedDatasets {
  return {
    async find(query: EmbedQuery) {
      const graphs = regional
        .publicRecords()
        .filter((record) => record.organisation === query.organisation)
        .map((record) => catalogGraph(ctx.config.baseUrl, record.id));
      if (graphs.length === 0) return { total: 0, results: [] };
      const rows = await ctx.store.select(organisationDatasetsQuery(graphs, query.lang), ctx.config.baseUrl);
      const words = foldForSearch(query.q).split(/\s+/).filter(Boolean);
      const matching = rows
        .map((row) => ({
          dataset: {
            iri: row.d!.value,
            title: row.title?.value ?? row.d!.value,
            description: row.description?.value ?? '',
            modified: row.modified?.value || null,
            url: row.url?.value ?? null,
          } satisfies EmbedDataset,
          text: foldForSearch(`${row.title?.value ?? ''} ${row.description?.value ?? ''} ${row.keywords?.value ?? ''}`),
        }))
        .filter(({ text }) => words.every((word) => text.includes(word)))
        .map(({ dataset }) => dataset)
        // Newest first; undated last; then by title, so a page is stable between requests.
        .sort((a, b) => (b.modified ?? '').localeCompare(a.modified ?? '') || a.title.localeCompare(b.title, 'sv'));
      const start = (query.page - 1) * query.pageSize;
      return { total: matching.length, results: matching.slice(start, start + query.pageSize) };
    },
  };
}
