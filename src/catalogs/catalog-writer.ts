import { Mutex } from 'async-mutex';
import type { GraphStore } from '../store/graph-store.js';
import { preconditionFailed, unprocessable, forbidden, notFound, HttpError } from '../http/errors.js';
import type { Principal } from '../auth/authenticate.js';
import { catalogGraph } from './catalog-id.js';
import { getRecord, recordKey, summariseWarnings, type CatalogRecord } from './catalog-record.js';
import { checkCatalogStructure, type PublisherRule } from './catalog-structure.js';
import { etagMatches } from './conditional.js';
import { BoundedCache } from './bounded-cache.js';
import { iriTerm } from './dataset-page.js';
import { dcat, RDF_TYPE } from './vocabulary.js';

export interface ReportEntry {
  severity: 'Violation' | 'Warning' | 'Info';
  focusNode: string;
  path: string | null;
  value: string | null;
  message: string;
  shape: string | null;
}

export interface Report {
  conforms: boolean;
  results: ReportEntry[];
}

/** The SHACL gate as the writer needs it (src/validation provides it). */
export interface CatalogGate {
  validate(profile: string, ntriples: string, previous?: unknown): Promise<{ report: Report; digests: unknown }>;
  /** The catalog `stored` plus `addition`, validated as one; cheaper when `previous` is the last validation of `stored`. */
  validateAddition(profile: string, stored: string, addition: string, previous?: unknown): Promise<{ report: Report; digests: unknown }>;
}

/** Who may publish a catalog and whom it must name as publisher. */
export interface CatalogOwnership {
  organisationOf(catalogId: string): string | undefined;
  publisherRule(organisation: string): PublisherRule;
}

/** A write refused by the gate: 422 with the report as body. */
export class CatalogRejected extends HttpError {
  constructor(readonly report: Report) {
    const violations = report.results.filter((r) => r.severity === 'Violation').length;
    super(422, `The catalog does not conform: ${violations} violation${violations === 1 ? '' : 's'}; nothing was stored`);
  }
}

export interface WriteOutcome {
  created: boolean;
  record: CatalogRecord;
  warnings: ReportEntry[];
}

/**
 * Every write of a catalog: authorised, serialised per catalog (concurrent PUTs end as exactly one of them),
 * checked against If-Match, validated as the catalog that would result, and committed as one journal record
 * together with the catalog's record. Nothing is stored unless all of it passes.
 */
export class CatalogWriter {
  private readonly locks = new Map<string, Mutex>();
  /** Digests of each catalog's datasets as last validated, so a re-PUT validates only what changed. */
  private readonly digests = new Map<string, unknown>();
  /** The N-Triples of recently written catalogs, so a POST does not read the whole catalog back from the store. */
  private readonly content = new BoundedCache(256 * 1024 * 1024);

  constructor(
    private readonly store: GraphStore,
    private readonly gate: CatalogGate,
    private readonly ownership: CatalogOwnership,
    private readonly baseUrl: string,
    private readonly defaultProfile: string,
  ) {
    // Anything else that writes a catalog graph (Graph Store Protocol, SPARQL Update) makes both stale.
    store.onCommit((touched) => {
      for (const id of [...this.content.keys()]) {
        if (touched === 'all' || touched.includes(catalogGraph(baseUrl, id))) {
          this.content.delete(id);
          this.digests.delete(id);
        }
      }
    });
  }

  /** The organisation of a catalog id, if the principal may write it; throws 404/403 otherwise. */
  authorise(id: string, principal: Principal): string {
    const organisation = this.ownership.organisationOf(id);
    if (!organisation) {
      throw notFound(`No organisation has the catalog id "${id}": use an organisation id (see /organisations) or {organisationId}-{suffix}`);
    }
    if (principal.role !== 'admin' && principal.organisation !== organisation) {
      throw forbidden(`This token publishes for ${principal.organisation}; catalog "${id}" belongs to ${organisation}`);
    }
    return organisation;
  }

  async write(
    kind: 'replace' | 'add',
    id: string,
    organisation: string,
    ntriples: string,
    options: { ifMatch?: string; profile?: string },
  ): Promise<WriteOutcome> {
    return this.lock(id).runExclusive(async () => {
      const previous = getRecord(this.store, id);
      this.checkIfMatch(previous, options.ifMatch);
      const graph = catalogGraph(this.baseUrl, id);
      const adding = kind === 'add' && previous !== undefined;

      const structure = checkCatalogStructure(ntriples, this.ownership.publisherRule(organisation), adding ? previous : undefined);
      if (structure.problems.length) throw new CatalogRejected({ conforms: false, results: structure.problems });

      const profile = options.profile ?? previous?.profile ?? this.defaultProfile;
      const samePlan = previous?.profile === profile ? this.digests.get(id) : undefined;
      const stored = adding ? await this.storedNTriples(id, graph) : '';
      const resulting = stored + ntriples;
      const { report, digests } = adding
        ? await this.gate.validateAddition(profile, stored, ntriples, samePlan)
        : await this.gate.validate(profile, ntriples, samePlan);
      if (!report.conforms) throw new CatalogRejected(report);
      const warnings = report.results.filter((r) => r.severity !== 'Violation');

      const now = new Date().toISOString();
      const created = previous?.created ?? now;
      const writes = previous ? Number(previous.version.split('.')[1]) + 1 : 1;
      const record: CatalogRecord = {
        id,
        organisation,
        profile,
        catalogIri: structure.catalogIri,
        datasets: adding ? previous.datasets + (await this.countNewDatasets(graph, ntriples)) : structure.datasets,
        created,
        modified: now,
        version: `${Date.parse(created).toString(36)}.${writes}`,
        public: true,
        warnings: summariseWarnings(warnings),
      };
      const key = recordKey(id);
      if (adding) await this.store.addToGraph(graph, ntriples, { [key]: record });
      else await this.store.replaceGraph(graph, ntriples, { [key]: record });
      // After the commit: the store's listener has just dropped what it knew of this graph.
      this.digests.set(id, digests);
      this.content.set(id, resulting);
      return { created: !previous, record, warnings };
    });
  }

  async remove(id: string, options: { ifMatch?: string }): Promise<void> {
    await this.lock(id).runExclusive(async () => {
      const previous = getRecord(this.store, id);
      if (!previous) throw notFound(`There is no catalog "${id}"`);
      this.checkIfMatch(previous, options.ifMatch);
      await this.store.dropGraph(catalogGraph(this.baseUrl, id), { [recordKey(id)]: null });
      this.digests.delete(id);
    });
  }

  private checkIfMatch(record: CatalogRecord | undefined, ifMatch: string | undefined): void {
    if (ifMatch === undefined) return;
    if (!record) throw preconditionFailed('If-Match was given but the catalog does not exist');
    if (!etagMatches(ifMatch, record)) {
      throw preconditionFailed(`The catalog has changed since the version in If-Match (it is now at version ${record.version}); GET it again`);
    }
  }

  /** The stored catalog as validated last time, or read from the store when that is not at hand. */
  private async storedNTriples(id: string, graph: string): Promise<string> {
    const cached = this.content.get(id);
    if (cached !== undefined) return cached;
    const chunks: Uint8Array[] = [];
    await this.store.document(graph, 'application/n-triples', (chunk) => void chunks.push(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Datasets an addition types that the stored catalog does not have yet (it may restate some). */
  private async countNewDatasets(graph: string, addition: string): Promise<number> {
    const posted = datasetsIn(addition);
    if (posted.length === 0) return 0;
    const query = `SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { VALUES ?d { ${posted.map(iriTerm).join(' ')} } FILTER NOT EXISTS { GRAPH ${iriTerm(graph)} { ?d a ?t } VALUES ?t { ${iriTerm(dcat('Dataset'))} ${iriTerm(dcat('DatasetSeries'))} } } }`;
    const rows = await this.store.select(query, graph);
    return Number(rows[0]?.n?.value ?? 0);
  }

  private lock(id: string): Mutex {
    let mutex = this.locks.get(id);
    if (!mutex) this.locks.set(id, (mutex = new Mutex()));
    return mutex;
  }
}

/** Datasets typed in an N-Triples addition (a cheap scan: canonical lines, full IRIs). */
function datasetsIn(ntriples: string): string[] {
  const types = [dcat('Dataset'), dcat('DatasetSeries')].map((t) => ` <${RDF_TYPE}> <${t}> .`);
  const found = new Set<string>();
  for (const line of ntriples.split('\n')) {
    if (line.startsWith('<') && types.some((t) => line.endsWith(t))) found.add(line.slice(1, line.indexOf('>')));
  }
  return [...found];
}
