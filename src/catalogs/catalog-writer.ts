import { Mutex } from 'async-mutex';
import { canPatch, type Store } from '../store/store.js';
import { conflict, preconditionFailed, unprocessable, forbidden, notFound, HttpError } from '../http/errors.js';
import type { Principal } from '../auth/authenticate.js';
import { mayPublishFor } from '../auth/access.js';
import { catalogGraph } from './catalog-id.js';
import { allRecords, getRecord, recordKey, summariseWarnings, type CatalogRecord } from './catalog-record.js';
import type { Records } from '../records/records.js';
import { writeWithRecords } from '../records/write-with-records.js';
import { checkCatalogStructure, type PublisherRule } from './catalog-structure.js';
import { etagMatches } from './conditional.js';
import { BoundedCache } from './bounded-cache.js';
import { CatalogLines, graphPatch, joinLines, type LineChange } from './catalog-lines.js';
import { lines } from '../rdf/ntriples-lines.js';
import { dcat, RDF_TYPE } from '../rdf/vocabulary.js';


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

/** The SHACL gate as the writer needs it (src/validation provides it). `signal` stops a validation nobody waits for. */
export interface CatalogGate {
  validate(profile: string, ntriples: string, previous?: unknown, signal?: AbortSignal): Promise<{ report: Report; digests: unknown }>;
  /** The catalog `next`, which differs from `stored` by `change`; cheaper when `previous` is the last validation of `stored`. */
  validateChange(profile: string, stored: string, next: string, change: TextChange, previous?: unknown, signal?: AbortSignal): Promise<{ report: Report; digests: unknown }>;
}

/** A change between two catalog texts as the gate takes it: N-Triples lines, each ending in a newline. */
export interface TextChange {
  removed: string;
  added: string;
}

/** Who may publish a catalog and whom it must name as publisher. */
export interface CatalogOwnership {
  organisationOf(catalogId: string): string | undefined;
  publisherRule(organisation: string): PublisherRule;
}

/** The text a report is of and the profile it was validated against: a report for people names datasets by title. */
export interface ReportSource {
  ntriples: string;
  profile: string;
}

/** A write refused by the gate: 422 with the report as body. */
export class CatalogRejected extends HttpError {
  constructor(
    readonly report: Report,
    readonly source?: ReportSource,
  ) {
    const violations = report.results.filter((r) => r.severity === 'Violation').length;
    super(422, `The catalog does not conform: ${violations} violation${violations === 1 ? '' : 's'}; nothing was stored`);
  }
}

/**
 * A catalog's profile is chosen when it is created; afterwards only an administrator moves it to another (a publisher
 * would otherwise leave the rules chosen for the catalog with one query parameter).
 */
function profileConflict(id: string, stored: string, requested: string): HttpError {
  return conflict(
    `Catalog "${id}" is validated against profile "${stored}"; this write asks for "${requested}". A catalog's profile is chosen when it is created and only an administrator can change it: leave out ?profile= (or use ?profile=${stored}).`,
    {
      messageSv: `Katalogen "${id}" valideras mot profilen "${stored}"; den här skrivningen begär "${requested}". En katalogs profil väljs när den skapas och bara en administratör kan byta den: utelämna ?profile= (eller använd ?profile=${stored}).`,
      storedProfile: stored,
      requestedProfile: requested,
    },
  );
}

/**
 * A body read against a kept catalog text: the N-Triples of its lines the text lacked (`fresh`) and the text's lines
 * it lacked (`lost`, when the text has no line twice). Good for the change only while `against` is still the kept
 * state: advance() replaces it after every write.
 */
export interface Reading {
  against: CatalogLines;
  fresh: string;
  lost: string[] | undefined;
}

export interface WriteOutcome {
  created: boolean;
  record: CatalogRecord;
  warnings: ReportEntry[];
  /** The catalog as stored and its profile, for the warnings' report. */
  source: ReportSource;
  /** Milliseconds per step, for the Server-Timing header: structure check and diff, validation, store. */
  timings: { compare: number; validate: number; store: number };
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
  /**
   * The text and lines of recently written catalogs: a POST does not read the whole catalog back from the store, and a
   * re-PUT is compared line by line so that only the change is validated and stored.
   */
  private readonly content: BoundedCache<CatalogLines>;
  /** Progress of warm(), while it runs. */
  warming: { done: number; of: number } | undefined;

  constructor(
    private readonly store: Store,
    private readonly records: Records,
    private readonly gate: CatalogGate,
    private readonly ownership: CatalogOwnership,
    private readonly baseUrl: string,
    private readonly defaultProfile: string,
    /** Heap the kept catalog texts and line sets may take (a 10,000-dataset catalog: about 90 MB). */
    private readonly cacheBytes: number,
  ) {
    this.content = new BoundedCache<CatalogLines>(cacheBytes, (state) => state.bytes);
    // Anything else that writes a catalog graph (Graph Store Protocol, SPARQL Update) makes both stale.
    store.onChange(({ graphs }) => {
      for (const id of new Set([...this.content.keys(), ...this.digests.keys()])) {
        if (graphs === 'all' || graphs.includes(catalogGraph(baseUrl, id))) {
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
    if (!mayPublishFor(principal, organisation)) {
      throw forbidden(`This token publishes for ${principal.organisation}; catalog "${id}" belongs to ${organisation}`);
    }
    return organisation;
  }

  async write(
    kind: 'replace' | 'add',
    id: string,
    organisation: string,
    ntriples: string,
    options: {
      ifMatch?: string;
      profile?: string;
      reading?: Reading;
      /** The writer may move a stored catalog to another profile (the administrator, the operator's CLI). */
      mayChangeProfile?: boolean;
      /** Aborts when the client has gone: its validation stops and nothing is stored. */
      signal?: AbortSignal;
    },
  ): Promise<WriteOutcome> {
    return this.lock(id).runExclusive(async () => {
      const previous = getRecord(this.records, id);
      this.checkIfMatch(previous, options.ifMatch);
      if (previous && options.profile !== undefined && options.profile !== previous.profile && !options.mayChangeProfile) {
        throw profileConflict(id, previous.profile, options.profile);
      }
      const graph = catalogGraph(this.baseUrl, id);
      const adding = kind === 'add' && previous !== undefined;

      const started = performance.now();
      const structure = checkCatalogStructure(ntriples, this.ownership.publisherRule(organisation), adding ? previous : undefined);
      if (structure.problems.length) throw new CatalogRejected({ conforms: false, results: structure.problems }, { ntriples, profile: options.profile ?? previous?.profile ?? this.defaultProfile });

      const profile = options.profile ?? previous?.profile ?? this.defaultProfile;
      const samePlan = previous?.profile === profile ? this.digests.get(id) : undefined;
      const before = previous ? await this.stored(id, graph) : undefined;
      const change = before && (adding ? { removed: [], added: newLines(before, ntriples) } : this.compare(before, ntriples, options.reading));
      const resulting = adding ? before!.text + ntriples : ntriples;
      const compared = performance.now();
      const { report, digests } = await this.validate(profile, before, resulting, change, samePlan, options.signal);
      const validated = performance.now();
      if (!report.conforms) throw new CatalogRejected(report, { ntriples: resulting, profile });
      const warnings = report.results.filter((r) => r.severity !== 'Violation');

      const now = new Date().toISOString();
      const created = previous?.created ?? now;
      const writes = previous ? Number(previous.version.split('.')[1]) + 1 : 1;
      const record: CatalogRecord = {
        id,
        organisation,
        profile,
        catalogIri: structure.catalogIri,
        datasets: adding ? previous.datasets + newDatasets(before!, ntriples) : structure.datasets,
        created,
        modified: now,
        version: `${Date.parse(created).toString(36)}.${writes}`,
        public: true,
        warnings: summariseWarnings(warnings),
      };
      // A patch is a line diff against the N-Triples this backend wrote; a backend without patches gets the whole text.
      const patching = canPatch(this.store) ? this.store : undefined;
      const patch = patching && before && change && !adding ? graphPatch(before, ntriples, change) : undefined;
      await writeWithRecords(this.store, this.records, { [recordKey(id)]: record }, (atomically) => {
        if (adding) return this.store.addToGraph(graph, ntriples, atomically);
        if (patching && patch) return patching.patchGraph(graph, patch, atomically);
        return this.store.replaceGraph(graph, ntriples, atomically);
      });
      // After the commit: the store's listener has just dropped what it knew of this graph.
      this.digests.set(id, digests);
      const storedAt = performance.now();
      this.content.set(id, before && change ? before.advance(resulting, change) : CatalogLines.of(resulting));
      const timings = { compare: compared - started, validate: validated - compared, store: storedAt - validated };
      return { created: !previous, record, warnings, source: { ntriples: resulting, profile }, timings };
    });
  }

  /**
   * After a start, read the catalogs back and validate each once, most recently written first, so that the first
   * POST or re-PUT of each finds its lines and its validation index at hand instead of paying for both (seconds at
   * 10,000 datasets). Stops when the kept texts would overflow the cache (later writes push out the least recently
   * used); a write meanwhile just waits its turn on that catalog's lock. Resolves with the number of catalogs
   * prepared.
   */
  async warm(isStopping: () => boolean = () => false): Promise<number> {
    const records = allRecords(this.records).sort((a, b) => (a.modified < b.modified ? 1 : a.modified > b.modified ? -1 : 0));
    let bytes = 0;
    let prepared = 0;
    this.warming = { done: 0, of: records.length };
    try {
      for (const record of records) {
        if (isStopping()) break;
        const full = await this.lock(record.id).runExclusive(async () => {
          if (this.content.get(record.id) !== undefined) return false;
          const state = await this.stored(record.id, catalogGraph(this.baseUrl, record.id));
          if (state.size === 0) return false;
          if (bytes + state.bytes > this.cacheBytes) return true;
          bytes += state.bytes;
          const { digests } = await this.gate.validate(record.profile, state.text);
          this.digests.set(record.id, digests);
          this.content.set(record.id, state);
          prepared++;
          return false;
        });
        if (full) break;
        this.warming.done++;
      }
    } finally {
      this.warming = undefined;
    }
    return prepared;
  }

  /**
   * The whole report of a stored catalog as it stands, with its text (for `/catalogs/{id}/validation`). It goes through
   * the gate with the digests of the catalog's last validation, which the thread that keeps its index answers without
   * validating anything again; after a restart or an eviction it is a full validation, whose digests and text are
   * then kept for the next write, as warm() does.
   */
  async currentReport(id: string): Promise<{ record: CatalogRecord; report: Report; text: string } | undefined> {
    return this.lock(id).runExclusive(async () => {
      const record = getRecord(this.records, id);
      if (!record) return undefined;
      const state = await this.stored(id, catalogGraph(this.baseUrl, id));
      const { report, digests } = await this.gate.validate(record.profile, state.text, this.digests.get(id));
      this.digests.set(id, digests);
      this.content.set(id, state);
      return { record, report, text: state.text };
    });
  }

  /**
   * The kept text of a catalog: valid canonical N-Triples, against which a re-sent body is read (only lines it lacks
   * are parsed), and from which that reading can tell the change (see Reading).
   */
  kept(id: string): CatalogLines | undefined {
    return this.content.get(id);
  }

  /** What the kept catalog texts and line sets take (bounded by CATALOG_CACHE_MB), for /healthz and /metrics. */
  get keptTexts(): { bytes: number; catalogs: number } {
    return { bytes: this.content.size, catalogs: this.content.count };
  }

  /** The change to `before`: from the body's reading against it when that is still the kept text, else a diff. */
  private compare(before: CatalogLines, ntriples: string, reading?: Reading): LineChange {
    if (reading?.against === before && reading.lost) {
      const added = new Set<string>();
      for (const line of lines(reading.fresh)) if (!before.has(line)) added.add(line);
      return { removed: reading.lost, added: [...added] };
    }
    return before.diff(ntriples);
  }

  /** The resulting catalog, validated; with a stored one, only as the change from it (a POST removes nothing). */
  private validate(
    profile: string,
    before: CatalogLines | undefined,
    resulting: string,
    change: LineChange | undefined,
    previous: unknown,
    signal?: AbortSignal,
  ): Promise<{ report: Report; digests: unknown }> {
    if (!before || !change) return this.gate.validate(profile, resulting, previous, signal);
    return this.gate.validateChange(profile, before.text, resulting, { removed: joinLines(change.removed), added: joinLines(change.added) }, previous, signal);
  }

  async remove(id: string, options: { ifMatch?: string }): Promise<void> {
    await this.lock(id).runExclusive(async () => {
      const previous = getRecord(this.records, id);
      if (!previous) throw notFound(`There is no catalog "${id}"`);
      this.checkIfMatch(previous, options.ifMatch);
      await writeWithRecords(this.store, this.records, { [recordKey(id)]: null }, (atomically) => this.store.dropGraph(catalogGraph(this.baseUrl, id), atomically));
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
  private async stored(id: string, graph: string): Promise<CatalogLines> {
    const cached = this.content.get(id);
    if (cached !== undefined) return cached;
    const chunks: Uint8Array[] = [];
    await this.store.document(graph, 'application/n-triples', (chunk) => void chunks.push(chunk));
    return CatalogLines.of(Buffer.concat(chunks).toString('utf8'));
  }

  private lock(id: string): Mutex {
    let mutex = this.locks.get(id);
    if (!mutex) this.locks.set(id, (mutex = new Mutex()));
    return mutex;
  }
}

/** Lines of an addition the catalog does not have yet. */
function newLines(before: CatalogLines, addition: string): string[] {
  const added = new Set<string>();
  for (const line of lines(addition)) if (!before.has(line)) added.add(line);
  return [...added];
}

const DATASET_TYPES = [dcat('Dataset'), dcat('DatasetSeries')].map((t) => ` <${RDF_TYPE}> <${t}> .`);

/** Datasets an addition types that the stored catalog does not have yet (it may restate some). */
function newDatasets(before: CatalogLines, addition: string): number {
  const found = new Set<string>();
  for (const line of lines(addition)) {
    if (!line.startsWith('<') || !DATASET_TYPES.some((t) => line.endsWith(t))) continue;
    const subject = line.slice(0, line.indexOf('>') + 1);
    if (!DATASET_TYPES.some((t) => before.has(subject + t))) found.add(subject);
  }
  return found.size;
}
