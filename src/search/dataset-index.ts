import MiniSearch, { type Query } from 'minisearch';
import type { Organisations } from '../organisations/organisations.js';
import { facetLabel, facetValue } from '../vocabularies/labels.js';
import { FACETS, type DatasetSummary, type FacetName, type FacetValue, type SearchQuery, type SearchResult } from './dataset-summary.js';
import { fold, queryStems, stem, textLanguage, tokenize } from './text.js';
import { sameQuality } from '../quality/quality.js';
import type { ExtractedSummary } from './extract.js';

export interface DatasetPage {
  total: number;
  items: DatasetSummary[];
}

export interface HarvestPage {
  total: number;
  /** In a stable order: by dataset IRI, then catalog id. */
  items: { iri: string; catalog: string }[];
}

export interface RegionFigures {
  datasets: number;
  catalogs: number;
  /** Organisations with at least one public catalog. */
  organisations: number;
  distributions: number;
  /** Datasets per theme, most first. */
  themes: FacetValue[];
}

interface Entry {
  id: number;
  summary: DatasetSummary;
  /** The summary's facet values, as filters take them. */
  values: Record<FacetName, string[]>;
  /** The same as numbers (see valueNumbers), so counting a facet over 50,000 datasets is array increments. */
  valueIds: Record<FacetName, number[]>;
  changedMs: number;
}

const TEXT_FIELDS = ['title_sv', 'title_en', 'description_sv', 'description_en', 'keywords_sv', 'keywords_en'] as const;
type TextDocument = { id: number } & Partial<Record<(typeof TEXT_FIELDS)[number], string>>;
/** Titles say what a dataset is; a word in one counts for more than the same word in a description. */
const BOOST = { title_sv: 4, title_en: 4, keywords_sv: 2, keywords_en: 2 };
/** Shorter query words are matched whole: as prefixes they would match a large part of the vocabulary. */
const MIN_PREFIX = 3;
/** Text matches kept for paging and facet clicks; each holds at most one number pair per dataset. */
const RECENT_MATCHES = 32;

/** Made once: localeCompare with a locale argument builds a collator on every call. */
const COLLATORS = { sv: new Intl.Collator('sv'), en: new Intl.Collator('en') };
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every dataset of the public catalogs, kept in memory and updated per catalog as writes are indexed: full text
 * (MiniSearch), per-facet postings, and orders (newest first, harvest order) rebuilt once after a change rather than
 * per request, since sorting 50,000 datasets for each search page would cost more than the page's 50 ms budget.
 * A dataset listed by two catalogs is two entries, one per catalog.
 */
export class DatasetIndex {
  private readonly entries = new Map<number, Entry>();
  /** The same entries by id, for the per-request loops (an array index is several times cheaper than a Map lookup). */
  private readonly slots: (Entry | undefined)[] = [];
  /** Per facet, a number for each value ever seen; never reused, so counts arrays stay valid. */
  private readonly valueNumbers = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>;
  private readonly valueNames = Object.fromEntries(FACETS.map((f) => [f, [] as string[]])) as Record<FacetName, string[]>;
  /** catalog id → dataset IRI → entry id. */
  private readonly byCatalog = new Map<string, Map<string, number>>();
  private readonly catalogOrganisation = new Map<string, string>();
  private readonly byIri = new Map<string, Set<number>>();
  private readonly postings = Object.fromEntries(FACETS.map((f) => [f, new Map<string, Set<number>>()])) as Record<FacetName, Map<string, Set<number>>>;
  private readonly text = new MiniSearch<TextDocument>({
    fields: [...TEXT_FIELDS],
    storeFields: [],
    tokenize,
    processTerm: (term, field) => stem(term, field?.endsWith('_en') ? 'en' : 'sv'),
    searchOptions: { boost: BOOST },
  });
  private readonly recentMatches = new Map<string, Map<number, number>>();
  private nextId = 1;
  private distributionCount = 0;
  private changes = 0;
  private orders: { modified: number[]; rank: Int32Array; harvest: number[]; title: Map<string, number[]> } | undefined;

  constructor(private readonly organisations: Pick<Organisations, 'get'>) {}

  /** Changes whenever the index does (an ETag ingredient for pages and harvesting). */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Ids of the catalogs indexed (public ones, possibly without datasets). */
  catalogs(): string[] {
    return [...this.byCatalog.keys()].sort(compare);
  }

  /** Which organisation owns an indexed catalog. */
  organisationOf(catalog: string): string | undefined {
    return this.catalogOrganisation.get(catalog);
  }

  summariesOf(catalog: string): DatasetSummary[] {
    return [...(this.byCatalog.get(catalog)?.values() ?? [])].map((id) => this.entries.get(id)!.summary).sort((a, b) => compare(a.iri, b.iri));
  }

  /**
   * Put a catalog's summaries in place of what the index held for it. A dataset whose hash is unchanged keeps its
   * entry and its `changed`, so harvesting with `modified_since` does not see it again. Returns whether anything
   * changed.
   */
  replaceCatalog(catalog: string, organisation: string, summaries: ExtractedSummary[]): boolean {
    const before = this.byCatalog.get(catalog) ?? new Map<string, number>();
    const after = new Map<string, number>();
    let changed = !this.byCatalog.has(catalog) || this.catalogOrganisation.get(catalog) !== organisation;
    for (const summary of summaries) {
      if (after.has(summary.iri)) continue;
      const id = before.get(summary.iri);
      const old = id === undefined ? undefined : this.entries.get(id);
      if (old && old.summary.hash === summary.hash && old.summary.organisation === organisation) {
        after.set(summary.iri, old.id);
        // Same description, other score: the catalog's compliance changed. Facets and `changed` stay as they are.
        if (summary.quality && !sameQuality(old.summary.quality, summary.quality)) {
          old.summary = { ...old.summary, quality: summary.quality };
          changed = true;
        }
        continue;
      }
      if (old) this.removeEntry(old);
      const { quality } = summary;
      // The follower names as assessed only hashes this catalog's entries have, under the same organisation.
      if (!quality) throw new Error(`no quality for the changed dataset <${summary.iri}> of catalog ${catalog}`);
      after.set(summary.iri, this.addEntry({ ...summary, quality, catalog, organisation }));
      changed = true;
    }
    for (const [iri, id] of before) {
      if (!after.has(iri)) {
        this.removeEntry(this.entries.get(id)!);
        changed = true;
      }
    }
    this.byCatalog.set(catalog, after);
    this.catalogOrganisation.set(catalog, organisation);
    if (changed) this.touch();
    return changed;
  }

  removeCatalog(catalog: string): boolean {
    const held = this.byCatalog.get(catalog);
    if (!held) return false;
    for (const id of held.values()) this.removeEntry(this.entries.get(id)!);
    this.byCatalog.delete(catalog);
    this.catalogOrganisation.delete(catalog);
    this.touch();
    return true;
  }

  search(query: SearchQuery): SearchResult {
    const words = tokenize(query.q);
    const scores = words.length ? this.textMatches(words) : undefined;
    const filters = new Map<FacetName, Set<number>[]>();
    for (const facet of FACETS) {
      const wanted = query.filters[facet] ?? [];
      if (!wanted.length) continue;
      const postings = this.postings[facet];
      filters.set(facet, wanted.map((value) => postings.get(value)).filter((set): set is Set<number> => set !== undefined));
    }
    const passes = (id: number) => {
      for (const sets of filters.values()) if (!sets.some((set) => set.has(id))) return false;
      return true;
    };
    const orders = this.ordered();
    let matched: number[];
    if (scores && query.sort === 'relevance') {
      matched = [...scores.keys()].filter(passes);
      const score = new Float64Array(this.nextId);
      for (const id of matched) score[id] = scores.get(id)!;
      // Equal scores fall back to newest first, so the order is stable from one request to the next.
      matched.sort((a, b) => score[b]! - score[a]! || orders.rank[a]! - orders.rank[b]!);
    } else {
      matched = orders.modified.filter((id) => (!scores || scores.has(id)) && passes(id));
    }
    const facets = this.countFacets(matched, query.lang);
    // A facet in use is counted without its own filter, so another of its values can still be added (OR).
    for (const facet of filters.keys()) facets[facet] = this.countWithout(facet, filters, scores, query.lang);
    const start = (query.page - 1) * query.pageSize;
    return {
      total: matched.length,
      results: matched.slice(start, start + query.pageSize).map((id) => this.slots[id]!.summary),
      facets,
    };
  }

  /**
   * Dataset id → score for the words. Most of a search's time is the text match (MiniSearch builds an object per
   * hit), and people page and click facets with the same words, so recent matches are kept until the index changes.
   */
  private textMatches(words: string[]): Map<number, number> {
    const key = words.map(fold).join(' ');
    const cached = this.recentMatches.get(key);
    if (cached) {
      this.recentMatches.delete(key);
      this.recentMatches.set(key, cached);
      return cached;
    }
    const scores = new Map<number, number>();
    for (const hit of this.text.search(textQuery(words))) scores.set(hit.id as number, hit.score);
    this.recentMatches.set(key, scores);
    if (this.recentMatches.size > RECENT_MATCHES) this.recentMatches.delete(this.recentMatches.keys().next().value!);
    return scores;
  }

  /** The dataset with this IRI (the entry of the first catalog, by id, that lists it). */
  get(iri: string): DatasetSummary | undefined {
    return this.getAll(iri)[0];
  }

  /** Every catalog's entry for this IRI, by catalog id. */
  getAll(iri: string): DatasetSummary[] {
    return [...(this.byIri.get(iri) ?? [])].map((id) => this.entries.get(id)!.summary).sort((a, b) => compare(a.catalog, b.catalog));
  }

  /** A catalog's datasets, newest first (`modified`) or by title in `lang`. */
  datasetsOfCatalog(catalog: string, page: { offset: number; limit: number; sort?: 'modified' | 'title'; lang?: 'sv' | 'en' }): DatasetPage {
    const held = this.byCatalog.get(catalog);
    if (!held) return { total: 0, items: [] };
    return this.pageOf((entry) => entry.summary.catalog === catalog, page);
  }

  /** An organisation's datasets over all its public catalogs. */
  datasetsOfOrganisation(organisation: string, page: { offset: number; limit: number; sort?: 'modified' | 'title'; lang?: 'sv' | 'en' }): DatasetPage {
    return this.pageOf((entry) => entry.summary.organisation === organisation, page);
  }

  /** The `n` datasets with the newest `modified` (dct:modified, else dct:issued). */
  latest(n: number): DatasetSummary[] {
    return this.ordered()
      .modified.slice(0, n)
      .map((id) => this.entries.get(id)!.summary);
  }

  /** Datasets per organisation id: the organisation facet's postings, so the home page costs O(organisations). */
  organisationCounts(): Map<string, number> {
    return new Map([...this.postings.organisation].map(([organisation, ids]) => [organisation, ids.size]));
  }

  figures(lang: 'sv' | 'en' = 'sv'): RegionFigures {
    const organisations = new Set(this.catalogOrganisation.values());
    return {
      datasets: this.entries.size,
      catalogs: this.byCatalog.size,
      organisations: organisations.size,
      distributions: this.distributionCount,
      themes: this.sortFacet(
        'theme',
        [...this.postings.theme].map(([value, ids]) => [value, ids.size]),
        lang,
      ),
    };
  }

  /**
   * One page of the union's (dataset, catalog) pairs for the paged /catalog, in IRI then catalog order; with
   * `modifiedSince` (ms since the epoch) only those whose description changed at or after it.
   */
  harvestPage(offset: number, limit: number, modifiedSince?: number): HarvestPage {
    let order = this.ordered().harvest;
    if (modifiedSince !== undefined) order = order.filter((id) => this.entries.get(id)!.changedMs >= modifiedSince);
    return {
      total: order.length,
      items: order.slice(offset, offset + limit).map((id) => {
        const { iri, catalog } = this.entries.get(id)!.summary;
        return { iri, catalog };
      }),
    };
  }

  private pageOf(keep: (entry: Entry) => boolean, page: { offset: number; limit: number; sort?: 'modified' | 'title'; lang?: 'sv' | 'en' }): DatasetPage {
    const orders = this.ordered();
    const order = page.sort === 'title' ? this.titleOrder(page.lang ?? 'sv') : orders.modified;
    const ids = order.filter((id) => keep(this.entries.get(id)!));
    return { total: ids.length, items: ids.slice(page.offset, page.offset + page.limit).map((id) => this.entries.get(id)!.summary) };
  }

  private addEntry(summary: DatasetSummary): number {
    const id = this.nextId++;
    const values = Object.fromEntries(FACETS.map((facet) => [facet, facetValues(facet, summary)])) as Record<FacetName, string[]>;
    const valueIds = Object.fromEntries(FACETS.map((facet) => [facet, values[facet].map((value) => this.valueNumber(facet, value))])) as Record<FacetName, number[]>;
    const changedMs = Date.parse(summary.changed);
    const entry: Entry = { id, summary, values, valueIds, changedMs: Number.isNaN(changedMs) ? 0 : changedMs };
    this.entries.set(id, entry);
    this.slots[id] = entry;
    let same = this.byIri.get(summary.iri);
    if (!same) this.byIri.set(summary.iri, (same = new Set()));
    same.add(id);
    for (const facet of FACETS) {
      const postings = this.postings[facet];
      for (const value of values[facet]) {
        let set = postings.get(value);
        if (!set) postings.set(value, (set = new Set()));
        set.add(id);
      }
    }
    this.distributionCount += summary.distributions;
    this.text.add(textDocument(id, summary));
    return id;
  }

  private valueNumber(facet: FacetName, value: string): number {
    const numbers = this.valueNumbers[facet];
    let n = numbers.get(value);
    if (n === undefined) {
      n = this.valueNames[facet].push(value) - 1;
      numbers.set(value, n);
    }
    return n;
  }

  private removeEntry(entry: Entry): void {
    this.entries.delete(entry.id);
    this.slots[entry.id] = undefined;
    const same = this.byIri.get(entry.summary.iri);
    same?.delete(entry.id);
    if (same?.size === 0) this.byIri.delete(entry.summary.iri);
    for (const facet of FACETS) {
      const postings = this.postings[facet];
      for (const value of entry.values[facet]) {
        const set = postings.get(value);
        set?.delete(entry.id);
        if (set?.size === 0) postings.delete(value);
      }
    }
    this.distributionCount -= entry.summary.distributions;
    this.text.discard(entry.id);
  }

  private touch(): void {
    this.changes++;
    this.recentMatches.clear();
    this.orders = undefined;
  }

  private ordered(): NonNullable<DatasetIndex['orders']> {
    if (this.orders) return this.orders;
    const all = [...this.entries.values()];
    const byKey = (a: Entry, b: Entry) => compare(a.summary.iri, b.summary.iri) || compare(a.summary.catalog, b.summary.catalog);
    const modified = [...all]
      .sort((a, b) => {
        const x = a.summary.modified;
        const y = b.summary.modified;
        if (x !== y) {
          if (x === null) return 1;
          if (y === null) return -1;
          return compare(y, x);
        }
        return byKey(a, b);
      })
      .map((e) => e.id);
    const rank = new Int32Array(this.nextId);
    modified.forEach((id, i) => (rank[id] = i));
    const harvest = all.sort(byKey).map((e) => e.id);
    this.orders = { modified, rank, harvest, title: new Map() };
    return this.orders;
  }

  private titleOrder(lang: 'sv' | 'en'): number[] {
    const orders = this.ordered();
    let order = orders.title.get(lang);
    if (!order) {
      const collator = COLLATORS[lang];
      const titled = orders.harvest.map((id) => ({ id, title: pickText(this.entries.get(id)!.summary.title, lang) }));
      order = titled.sort((a, b) => collator.compare(a.title, b.title)).map((t) => t.id);
      orders.title.set(lang, order);
    }
    return order;
  }

  private countFacets(matched: number[], lang: 'sv' | 'en'): Record<FacetName, FacetValue[]> {
    const out = {} as Record<FacetName, FacetValue[]>;
    if (matched.length === this.entries.size) {
      // Everything matches: the counts are the postings' sizes.
      for (const facet of FACETS) out[facet] = this.sortFacet(facet, [...this.postings[facet]].map(([value, ids]) => [value, ids.size]), lang);
      return out;
    }
    for (const facet of FACETS) out[facet] = this.countFacet(facet, matched, lang);
    return out;
  }

  /**
   * A facet counted among the datasets that match the text and every other facet's filter. It starts from the smallest
   * set that bounds them (the text matches, or the smallest other facet's values) rather than from every dataset.
   */
  private countWithout(facet: FacetName, filters: Map<FacetName, Set<number>[]>, scores: Map<number, number> | undefined, lang: 'sv' | 'en'): FacetValue[] {
    const others = [...filters].filter(([name]) => name !== facet).map(([, sets]) => sets);
    if (!scores && others.length === 0) return this.sortFacet(facet, [...this.postings[facet]].map(([value, ids]) => [value, ids.size]), lang);
    const size = (sets: Set<number>[]) => sets.reduce((n, set) => n + set.size, 0);
    let start: Iterable<number>;
    if (scores && (others.length === 0 || scores.size <= Math.min(...others.map(size)))) start = scores.keys();
    else {
      const smallest = others.reduce((a, b) => (size(b) < size(a) ? b : a));
      start = new Set(smallest.flatMap((set) => [...set]));
    }
    const ids: number[] = [];
    for (const id of start) if ((!scores || scores.has(id)) && others.every((sets) => sets.some((set) => set.has(id)))) ids.push(id);
    return this.countFacet(facet, ids, lang);
  }

  private countFacet(facet: FacetName, ids: number[], lang: 'sv' | 'en'): FacetValue[] {
    const counts = new Int32Array(this.valueNames[facet].length);
    for (const id of ids) for (const n of this.slots[id]!.valueIds[facet]) counts[n]!++;
    const pairs: [string, number][] = [];
    counts.forEach((count, n) => {
      if (count > 0) pairs.push([this.valueNames[facet][n]!, count]);
    });
    return this.sortFacet(facet, pairs, lang);
  }

  private sortFacet(facet: FacetName, counts: [string, number][], lang: 'sv' | 'en'): FacetValue[] {
    return counts
      .map(([value, count]) => ({ value, count, label: this.label(facet, value, lang) }))
      .sort((a, b) => b.count - a.count || COLLATORS[lang].compare(a.label, b.label) || compare(a.value, b.value));
  }

  private label(facet: FacetName, value: string, lang: 'sv' | 'en'): string {
    if (facet === 'organisation') return this.organisations.get(value)?.name ?? value;
    return facetLabel(facet, value, lang);
  }
}

/** Each query word must match (AND); a word matches through its Swedish or its English stem, as a prefix. */
function textQuery(words: string[]): Query {
  return {
    combineWith: 'AND',
    queries: words.map((word) => ({
      combineWith: 'OR',
      queries: [word],
      processTerm: (term: string) => queryStems(term),
      prefix: (term: string) => term.length >= MIN_PREFIX,
    })),
  };
}

function textDocument(id: number, summary: DatasetSummary): TextDocument {
  const doc: TextDocument = { id };
  const add = (field: 'title' | 'description' | 'keywords', lang: string, text: string) => {
    // Languages other than Swedish and English are rare here; the Swedish stemmer leaves most of their words whole.
    const key = `${field}_${textLanguage(lang) ?? 'sv'}` as const;
    doc[key] = doc[key] ? `${doc[key]} ${text}` : text;
  };
  for (const [lang, text] of Object.entries(summary.title)) add('title', lang, text);
  for (const [lang, text] of Object.entries(summary.description)) add('description', lang, text);
  for (const keyword of summary.keywords) add('keywords', keyword.lang, keyword.value);
  return doc;
}

function facetValues(facet: FacetName, summary: DatasetSummary): string[] {
  switch (facet) {
    case 'organisation':
      return [summary.organisation];
    case 'theme':
      return unique(summary.themes.map((t) => facetValue(facet, t)));
    case 'format':
      return unique(summary.formats.map((t) => facetValue(facet, t)));
    case 'license':
      return unique(summary.licenses.map((t) => facetValue(facet, t)));
    case 'accessRights':
      return unique(summary.accessRights.map((t) => facetValue(facet, t)));
  }
}

const unique = (list: string[]) => [...new Set(list)];

/** The text in `lang`, else in the other of sv/en, else untagged, else any. */
export function pickText(values: Record<string, string>, lang: 'sv' | 'en'): string {
  const other = lang === 'sv' ? 'en' : 'sv';
  return values[lang] ?? values[other] ?? values[''] ?? Object.values(values)[0] ?? '';
}
