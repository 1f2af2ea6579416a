import { canPatch, type Store } from '../store/store.js';
import type { DatasetSummary } from '../search/dataset-summary.js';
import { catalogMeasurements, datasetMeasurement, QUALITY_MOUNT, qualityGraph } from './dqv.js';

/**
 * Keeps each public catalog's DQV measurements in a graph of its own, `{BASE_URL}/quality/{catalog}`, written by the
 * index follower after the catalog's own commit (never inside it, so a catalog write does not wait for this).
 * A change is written as a patch of the datasets whose score changed plus the catalog's figures; a graph whose
 * content this process has not written yet (after a start, or after a SPARQL Update that may have touched it) is
 * replaced whole, so whatever was there before cannot survive.
 */
export class QualityGraphs {
  /** Catalogs whose quality graph this process wrote, so it holds exactly what their summaries say. */
  private readonly known = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly baseUrl: string,
  ) {}

  /** Whether a graph is one of these: clients may not write them (see gsp/routes.ts). */
  isQualityGraph(graph: string): boolean {
    return graph.startsWith(`${this.baseUrl}${QUALITY_MOUNT}`);
  }

  /** Write a catalog's measurements; `before` is what the index held for it before this change. */
  async write(catalog: string, before: DatasetSummary[], after: DatasetSummary[]): Promise<void> {
    const graph = qualityGraph(this.baseUrl, catalog);
    // A backend without patches has the graph rewritten whole each time: it is small.
    const patching = canPatch(this.store) ? this.store : undefined;
    if (!patching || !this.known.has(catalog) || !(await this.store.graphExists(graph))) {
      await this.store.replaceGraph(graph, this.full(catalog, after));
      this.known.add(catalog);
      return;
    }
    const remove: string[] = [];
    const add: string[] = [];
    const now = new Map(after.map((s) => [s.iri, s]));
    const old = new Map(before.map((s) => [s.iri, s]));
    for (const s of before) if (now.get(s.iri)?.quality.score !== s.quality.score) remove.push(datasetMeasurement(this.baseUrl, s));
    for (const s of after) if (old.get(s.iri)?.quality.score !== s.quality.score) add.push(datasetMeasurement(this.baseUrl, s));
    const oldCatalog = catalogMeasurements(this.baseUrl, catalog, before);
    const newCatalog = catalogMeasurements(this.baseUrl, catalog, after);
    if (oldCatalog !== newCatalog) {
      remove.push(oldCatalog);
      add.push(newCatalog);
    }
    if (!remove.length && !add.length) return;
    try {
      await patching.patchGraph(graph, { remove: remove.join(''), trees: { roots: [], depth: 0, ntriples: '' }, add: add.join('') });
    } catch (error) {
      this.known.delete(catalog);
      throw error;
    }
  }

  async remove(catalog: string): Promise<void> {
    this.known.delete(catalog);
    await this.store.dropGraph(qualityGraph(this.baseUrl, catalog));
  }

  /**
   * After a write that may have touched any graph (a SPARQL Update): every quality graph is rewritten from the index
   * at its catalog's next write, and graphs of catalogs the index does not hold are dropped now.
   */
  async forget(indexed: Set<string>): Promise<void> {
    this.known.clear();
    const prefix = `${this.baseUrl}${QUALITY_MOUNT}`;
    for (const graph of await this.store.listGraphs()) {
      if (graph.startsWith(prefix) && !indexed.has(graph.slice(prefix.length))) await this.store.dropGraph(graph);
    }
  }

  private full(catalog: string, summaries: DatasetSummary[]): string {
    return summaries.map((s) => datasetMeasurement(this.baseUrl, s)).join('') + catalogMeasurements(this.baseUrl, catalog, summaries);
  }
}
