import type { RenderPart, Store } from '../store/store.js';
import type { Records } from '../records/records.js';
import { catalogGraph } from './catalog-id.js';
import { allRecords, type CatalogRecord } from './catalog-record.js';
import { catalogNodeConstruct, iriTerm } from './dataset-page.js';
import { FOAF, RDF_TYPE, XSD, dcat, dct, hydra } from '../rdf/vocabulary.js';

export interface Region {
  publisherIri: string;
  name: string;
}

export interface Paging {
  page: number;
  pageSize: number;
  /** `modified_since` as written (kept on the paging links); the listing is already filtered by it. */
  modifiedSince?: string;
}

/** One page of the union's datasets in a stable order, how many there are in all, and their descriptions. */
export interface DatasetListing {
  total: number;
  items: { iri: string; catalog: string }[];
  /** The items' descriptions as N-Triples, kept by the dataset index (no store query per page). */
  descriptions: string;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/**
 * The regional catalog: the region's own dcat:Catalog with every public organisation catalog as dct:hasPart (one
 * level, as dataportal.se requires). Unpaged it carries every catalog graph whole, so a harvester reading one
 * document needs to dereference nothing (publishers' catalog IRIs usually point at their own websites). Paged it
 * lists the union's datasets in a stable order with Hydra links in both the current and the legacy vocabulary,
 * each sub-catalog described without its member links so it is never taken for a bare reference.
 */
export class RegionalCatalog {
  private readonly nodes = new Map<string, { version: string; ntriples: string }>();

  constructor(
    private readonly store: Store,
    private readonly records: Records,
    private readonly baseUrl: string,
    private readonly region: Region,
  ) {
    // A write that bypasses the catalog writer (/store, SPARQL Update) changes a graph but not its record's version.
    store.onChange(({ graphs }) => {
      if (graphs === 'all') this.nodes.clear();
      else for (const id of this.nodes.keys()) if (graphs.includes(catalogGraph(baseUrl, id))) this.nodes.delete(id);
    });
  }

  get iri(): string {
    return `${this.baseUrl}/catalog`;
  }

  publicRecords(): CatalogRecord[] {
    return allRecords(this.records).filter((record) => record.public);
  }

  /**
   * The parts and extra triples of the document; the caller renders them in the negotiated syntax. A page lists the
   * datasets `listing` names with the descriptions it carries (the dataset index keeps their order and text, so
   * neither an ORDER BY/OFFSET nor a CONSTRUCT runs at read time).
   */
  async plan(paging: Paging | undefined, listing?: DatasetListing): Promise<{ parts: RenderPart[]; extra: string }> {
    const records = this.publicRecords();
    const lines = this.regionTriples(records);
    if (!paging) {
      return { parts: records.map((r) => ({ graph: catalogGraph(this.baseUrl, r.id) })), extra: lines.join('\n') + '\n' };
    }
    lines.push(...(await this.catalogNodes(records)));
    for (const item of listing?.items ?? []) lines.push(`${iriTerm(this.iri)} ${iriTerm(dcat('dataset'))} ${iriTerm(item.iri)} .`);
    lines.push(...this.hydraTriples(paging, listing?.total ?? 0));
    return { parts: [], extra: `${lines.join('\n')}\n${listing?.descriptions ?? ''}` };
  }

  /**
   * The sub-catalogs' own triples for a page, kept as text per catalog version: reading them means passing over
   * every dcat:dataset link of the catalog (15,000 for a large one), which every page would otherwise repeat for all
   * 50 catalogs (measured at 50,000 datasets: ~260 ms of a 300 ms page).
   */
  private async catalogNodes(records: CatalogRecord[]): Promise<string[]> {
    // Each text is held here, not read back from `nodes` at the end: a write committed while this awaits the store
    // drops its catalog's entry (onChange), which a page under concurrent writes then found missing (a 500).
    const texts: string[] = [];
    for (const record of records) {
      let node = this.nodes.get(record.id);
      if (node?.version !== record.version) {
        const graph = catalogGraph(this.baseUrl, record.id);
        node = { version: record.version, ntriples: await this.store.ntriples([{ graph, construct: catalogNodeConstruct(graph, record.catalogIri) }]) };
        this.nodes.set(record.id, node);
      }
      texts.push(node.ntriples.trimEnd());
    }
    const current = new Set(records.map((r) => r.id));
    for (const id of this.nodes.keys()) if (!current.has(id)) this.nodes.delete(id);
    return texts.filter(Boolean);
  }

  private regionTriples(records: CatalogRecord[]): string[] {
    const self = iriTerm(this.iri);
    const publisher = iriTerm(this.region.publisherIri);
    const modified = records.map((r) => r.modified).sort().at(-1) ?? new Date(0).toISOString();
    const lines = [
      `${self} ${iriTerm(RDF_TYPE)} ${iriTerm(dcat('Catalog'))} .`,
      `${self} ${iriTerm(dct('title'))} "Dataportal Väst"@sv .`,
      `${self} ${iriTerm(dct('title'))} "Dataportal Väst"@en .`,
      `${self} ${iriTerm(dct('description'))} "Öppna data från Västra Götalandsregionen och regionens 49 kommuner."@sv .`,
      `${self} ${iriTerm(dct('description'))} "Open data from the Västra Götaland region and its 49 municipalities."@en .`,
      `${self} ${iriTerm(dct('publisher'))} ${publisher} .`,
      `${self} ${iriTerm(dct('modified'))} "${modified}"^^${iriTerm(`${XSD}dateTime`)} .`,
      `${self} ${iriTerm(`${FOAF}homepage`)} ${iriTerm(`${this.baseUrl}/`)} .`,
      `${publisher} ${iriTerm(RDF_TYPE)} ${iriTerm(`${FOAF}Organization`)} .`,
      `${publisher} ${iriTerm(`${FOAF}name`)} ${JSON.stringify(this.region.name)}@sv .`,
    ];
    for (const record of records) {
      lines.push(`${self} ${iriTerm(dct('hasPart'))} ${iriTerm(record.catalogIri)} .`);
      lines.push(`${iriTerm(record.catalogIri)} ${iriTerm(RDF_TYPE)} ${iriTerm(dcat('Catalog'))} .`);
    }
    return lines;
  }

  private hydraTriples(paging: Paging, total: number): string[] {
    const { page, pageSize } = paging;
    const last = Math.max(1, Math.ceil(total / pageSize));
    const since = paging.modifiedSince === undefined ? '' : `&modified_since=${encodeURIComponent(paging.modifiedSince)}`;
    const url = (n: number) => `${this.iri}?page=${n}&pageSize=${pageSize}${since}`;
    const view = iriTerm(url(page));
    const collection = iriTerm(this.iri);
    const integer = (n: number) => `"${n}"^^${iriTerm(`${XSD}integer`)}`;
    const lines = [
      `${collection} ${iriTerm(hydra('totalItems'))} ${integer(total)} .`,
      `${collection} ${iriTerm(hydra('view'))} ${view} .`,
      `${view} ${iriTerm(RDF_TYPE)} ${iriTerm(hydra('PartialCollectionView'))} .`,
      `${view} ${iriTerm(RDF_TYPE)} ${iriTerm(hydra('PagedCollection'))} .`,
      `${view} ${iriTerm(hydra('totalItems'))} ${integer(total)} .`,
      `${view} ${iriTerm(hydra('itemsPerPage'))} ${integer(pageSize)} .`,
      `${view} ${iriTerm(hydra('first'))} ${iriTerm(url(1))} .`,
      `${view} ${iriTerm(hydra('last'))} ${iriTerm(url(last))} .`,
      // The deprecated PagedCollection terms, with page URLs as literals the way ckanext-dcat writes and reads them.
      `${view} ${iriTerm(hydra('firstPage'))} ${JSON.stringify(url(1))} .`,
      `${view} ${iriTerm(hydra('lastPage'))} ${JSON.stringify(url(last))} .`,
    ];
    if (page > 1) {
      lines.push(`${view} ${iriTerm(hydra('previous'))} ${iriTerm(url(page - 1))} .`);
      lines.push(`${view} ${iriTerm(hydra('previousPage'))} ${JSON.stringify(url(page - 1))} .`);
    }
    if (page < last) {
      lines.push(`${view} ${iriTerm(hydra('next'))} ${iriTerm(url(page + 1))} .`);
      lines.push(`${view} ${iriTerm(hydra('nextPage'))} ${JSON.stringify(url(page + 1))} .`);
    }
    return lines;
  }
}
