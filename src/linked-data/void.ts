import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { chooseRepresentation } from '../http/representation.js';
import { catalogGraph } from '../catalogs/catalog-id.js';
import { allRecords, type CatalogRecord } from '../catalogs/catalog-record.js';
import { iriTerm } from '../catalogs/dataset-page.js';
import { catalogsVersion, etagFor, notModified } from '../catalogs/conditional.js';
import { DCT, RDF_TYPE, VOID, XSD } from '../rdf/vocabulary.js';
import { serializeGraph } from '../rdf/serialize.js';
import { DUMP_PATH } from './dump.js';

export const VOID_PATH = '/.well-known/void';

interface GraphStatistics {
  version: string;
  triples: number;
  vocabularies: string[];
}

/** Triples per predicate of one graph: the triple count and the vocabularies in one cheap query. */
export const predicateCountsQuery = (graph: string) => `SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ${iriTerm(graph)} { ?s ?p ?o } } GROUP BY ?p`;

/** The namespace of a term: up to its last '#' or '/'. */
const namespaceOf = (iri: string) => iri.slice(0, Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);

/**
 * GET /.well-known/void: the region as a void:Dataset (SPARQL endpoint, dump, URI space, vocabularies) with each
 * public catalog as a subset with its triple count and dump. Counts are kept per catalog version, so only catalogs
 * written since the last request are counted again.
 */
export function voidDescription(ctx: AppContext) {
  const statistics = new Map<string, GraphStatistics>();
  const base = ctx.config.baseUrl;

  async function statisticsOf(record: CatalogRecord): Promise<GraphStatistics> {
    const kept = statistics.get(record.id);
    if (kept?.version === record.version) return kept;
    const rows = await ctx.store.select(predicateCountsQuery(catalogGraph(base, record.id)), `${base}/`);
    const fresh = {
      version: record.version,
      triples: rows.reduce((sum, row) => sum + Number(row.n!.value), 0),
      vocabularies: [...new Set(rows.map((row) => namespaceOf(row.p!.value)))],
    };
    statistics.set(record.id, fresh);
    return fresh;
  }

  return async (req: Request, res: Response): Promise<void> => {
    const suffix = typeof req.params.ext === 'string' ? req.params.ext : undefined;
    const chosen = chooseRepresentation(req, res, { suffix, alternate: (ext) => `${base}${VOID_PATH}.${ext}` });
    if (chosen.kind !== 'rdf') throw new Error(`no ${chosen.mediaType} view of the VoID description`);
    const records = allRecords(ctx.records).filter((record) => record.public);
    const state = { version: catalogsVersion(records), modified: records.map((r) => r.modified).sort().at(-1) ?? new Date(0).toISOString() };
    res.setHeader('ETag', etagFor(state, chosen.extension));
    res.setHeader('Last-Modified', new Date(state.modified).toUTCString());
    if (notModified(req, state)) {
      res.status(304).end();
      return;
    }
    for (const record of records) await statisticsOf(record);
    for (const id of statistics.keys()) if (!records.some((record) => record.id === id)) statistics.delete(id);
    const body = await serializeGraph(voidTriples(base, records, statistics), chosen.format);
    res.status(200).type(`${chosen.mediaType}; charset=utf-8`).send(body);
  };
}

function voidTriples(base: string, records: CatalogRecord[], statistics: Map<string, GraphStatistics>): string {
  const region = iriTerm(`${base}${VOID_PATH}#region`);
  const term = (name: string) => iriTerm(`${VOID}${name}`);
  const integer = (n: number) => `"${n}"^^${iriTerm(`${XSD}integer`)}`;
  const lines = [
    `${region} ${iriTerm(RDF_TYPE)} ${term('Dataset')} .`,
    `${region} ${iriTerm(`${DCT}title`)} "Dataportal Väst"@sv .`,
    `${region} ${iriTerm(`${DCT}title`)} "Dataportal Väst"@en .`,
    `${region} ${iriTerm(`${DCT}description`)} "Öppna data från Västra Götalandsregionen och regionens 49 kommuner."@sv .`,
    `${region} ${term('sparqlEndpoint')} ${iriTerm(`${base}/sparql`)} .`,
    `${region} ${term('dataDump')} ${iriTerm(`${base}${DUMP_PATH}`)} .`,
    `${region} ${term('uriSpace')} ${JSON.stringify(`${base}/`)} .`,
    `${region} ${term('rootResource')} ${iriTerm(`${base}/catalog`)} .`,
  ];
  const vocabularies = new Set<string>();
  for (const record of records) {
    const stats = statistics.get(record.id)!;
    const subset = iriTerm(`${base}${VOID_PATH}#catalog-${record.id}`);
    lines.push(
      `${region} ${term('subset')} ${subset} .`,
      `${subset} ${iriTerm(RDF_TYPE)} ${term('Dataset')} .`,
      `${subset} ${term('triples')} ${integer(stats.triples)} .`,
      `${subset} ${term('dataDump')} ${iriTerm(`${catalogGraph(base, record.id)}.nt`)} .`,
      `${subset} ${term('rootResource')} ${iriTerm(record.catalogIri)} .`,
      `${subset} ${iriTerm(`${DCT}modified`)} "${record.modified}"^^${iriTerm(`${XSD}dateTime`)} .`,
    );
    for (const vocabulary of stats.vocabularies) vocabularies.add(vocabulary);
  }
  for (const vocabulary of [...vocabularies].sort()) if (vocabulary) lines.push(`${region} ${term('vocabulary')} ${iriTerm(vocabulary)} .`);
  return lines.join('\n') + '\n';
}
