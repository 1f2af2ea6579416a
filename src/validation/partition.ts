import crypto from 'node:crypto';
import { iriOf, RDF_TYPE, splitLine, termKind, type TripleGraph } from './ntriples-graph.js';
import type { ValidationResult } from './report.js';

const DCAT_DATASET = '<http://www.w3.org/ns/dcat#Dataset>';
const DCAT_DATASET_SERIES = '<http://www.w3.org/ns/dcat#DatasetSeries>';
const DCAT_DISTRIBUTION = '<http://www.w3.org/ns/dcat#distribution>';

/** Content hashes of a catalogue: one for what datasets share, one per dataset (keyed by the dataset IRI). */
export interface DatasetDigests {
  shared: string;
  datasets: Record<string, string>;
  /**
   * The results of the validation these digests come from (set by CatalogValidator). The next incremental
   * validation reports them again for the datasets it does not revalidate, so every report covers the whole
   * catalogue — the warnings of datasets that did not change included.
   */
  results?: ValidationResult[];
}

/**
 * Which dataset each node of a catalogue belongs to.
 *
 * The description of a dataset is: the triples whose subject is the dataset (an IRI typed dcat:Dataset or
 * dcat:DatasetSeries); the triples of blank nodes and of distributions (objects of dcat:distribution) it reaches,
 * as long as nothing outside the dataset refers to them; and the links *to* the dataset from shared nodes
 * (`<catalog> dcat:dataset <d>`, `<service> dcat:servesDataset <d>`), so that adding or removing a dataset changes
 * that dataset only, not the catalogue node. Everything else is shared: the catalogue node, agents, licence documents,
 * data services, contact points used by two datasets, blank-node datasets (they have no stable name to compare).
 */
export class Partition {
  /** dataset IRI key (`<…>`) for nodes that belong to a dataset; absent = shared. */
  readonly owner = new Map<string, string>();
  /** Dataset IRI keys, sorted. */
  datasets: string[];
  private readonly members = new Map<string, string[]>();
  private readonly datasetSet: Set<string>;
  /** IRIs used as a distribution somewhere (candidates for belonging to a dataset, like blank nodes). */
  private readonly distributions = new Set<string>();
  /** Subjects referring to each candidate node. */
  private readonly referrers = new Map<string, string[]>();
  /** Lines linking shared nodes to each dataset (kept by digests()). */
  private links?: Map<string, string[]>;
  private queue: string[] = [];
  private readonly pending = new Set<string>();

  constructor(readonly graph: TripleGraph) {
    const datasets = new Set<string>();
    for (const type of [DCAT_DATASET, DCAT_DATASET_SERIES]) {
      for (const s of graph.subjects(RDF_TYPE, type)) if (termKind(s) === 'iri') datasets.add(s);
    }
    this.datasetSet = datasets;
    this.datasets = [...datasets].sort();
    this.assignOwners();
  }

  ownerOf(node: string): string | undefined {
    return this.owner.get(node);
  }

  isDataset(node: string): boolean {
    return this.datasetSet.has(node);
  }

  private assignOwners(): void {
    const { graph, datasetSet } = this;
    for (const byPredicate of graph.out.values()) {
      const objects = byPredicate.get(DCAT_DISTRIBUTION);
      if (objects) for (const o of objects) if (termKind(o) === 'iri' && !datasetSet.has(o)) this.distributions.add(o);
    }
    for (const [s, byPredicate] of graph.out) {
      for (const objects of byPredicate.values()) for (const o of objects) this.noteReference(s, o);
    }
    for (const d of datasetSet) this.adopt(d);
    this.settle();
  }

  private noteReference(s: string, o: string): void {
    const first = o.charCodeAt(0);
    if (first === 34 /* " */ || (first === 60 /* < */ && !this.distributions.has(o))) return;
    const list = this.referrers.get(o);
    if (list) list.push(s);
    else this.referrers.set(o, [s]);
  }

  private adopt(dataset: string): void {
    this.owner.set(dataset, dataset);
    this.members.set(dataset, [dataset]);
    this.queue.push(dataset);
  }

  /** A candidate belongs to a dataset when every node referring to it belongs to that dataset. */
  private claim(node: string): boolean {
    let candidate: string | undefined;
    for (const r of this.referrers.get(node)!) {
      const o = this.owner.get(r);
      if (o === undefined || (candidate !== undefined && o !== candidate)) return false;
      candidate = o;
    }
    this.owner.set(node, candidate!);
    this.members.get(candidate!)!.push(node);
    this.queue.push(node);
    return true;
  }

  /** Claim what the queued nodes reach, then retry nodes met before their last referrer was claimed. */
  private settle(): void {
    const drain = () => {
      while (this.queue.length) {
        const byPredicate = this.graph.out.get(this.queue.pop()!);
        if (!byPredicate) continue;
        for (const objects of byPredicate.values()) {
          for (const o of objects) {
            if (o.charCodeAt(0) === 34 /* " */ || !this.referrers.has(o) || this.owner.has(o) || this.datasetSet.has(o)) continue;
            if (!this.claim(o)) this.pending.add(o);
          }
        }
      }
    };
    drain();
    for (let progress = true; progress && this.pending.size; ) {
      progress = false;
      for (const node of this.pending) {
        if (this.owner.has(node)) {
          this.pending.delete(node);
        } else if (this.claim(node)) {
          this.pending.delete(node);
          progress = true;
          drain();
        }
      }
    }
    this.pending.clear();
  }

  /** Nodes (subjects) per dataset, the dataset first. */
  membersOf(dataset: string): readonly string[] {
    return this.members.get(dataset) ?? [];
  }

  /** Subjects that belong to no dataset. */
  sharedSubjects(): string[] {
    const shared: string[] = [];
    for (const s of this.graph.out.keys()) if (!this.owner.has(s)) shared.push(s);
    return shared;
  }

  /**
   * Digests of the shared part (salted with the profile fingerprint, so a change of shapes revalidates everything)
   * and of each dataset description. Needs a graph built with lines kept.
   *
   * Blank-node labels are not stable: the parser mints new ones on every request. Each blank node is therefore
   * renamed after a hash of its own triples (its first-degree hash, as in RDF Dataset Canonicalization), with the
   * other blank nodes' labels erased. Equal descriptions then hash equally, and moving a property from one blank node
   * to another changes the hash. What it cannot tell apart is a rewiring between blank nodes whose own triples are
   * identical, which describes the same data; the cost of full canonicalisation is not worth that case.
   */
  digests(fingerprint: string): DatasetDigests {
    const { graph, datasetSet } = this;
    const links = new Map<string, string[]>();
    const shared: string[] = [];
    for (const s of this.sharedSubjects()) {
      const byPredicate = graph.out.get(s)!;
      let linksTo = false;
      for (const objects of byPredicate.values()) {
        for (const o of objects) if (datasetSet.has(o)) linksTo = true;
      }
      if (!linksTo) {
        for (const line of graph.lines.get(s) ?? []) shared.push(line);
        continue;
      }
      // `<catalog> dcat:dataset <d>` belongs to d: adding a dataset must not change the shared part.
      for (const [p, objects] of byPredicate) {
        for (const o of objects) {
          const line = `${s} ${p} ${o} .`;
          if (!datasetSet.has(o)) shared.push(line);
          else if (links.has(o)) links.get(o)!.push(line);
          else links.set(o, [line]);
        }
      }
    }
    this.links = links;
    const datasets: Record<string, string> = {};
    for (const d of this.datasets) datasets[iriOf(d)] = this.datasetDigest(d);
    return { shared: hashLines(shared, `${fingerprint}\n`), datasets };
  }

  private datasetDigest(d: string): string {
    const lines: string[] = [...(this.links!.get(d) ?? [])];
    for (const node of this.membersOf(d)) for (const line of this.graph.lines.get(node) ?? []) lines.push(line);
    return hashLines(lines, '');
  }

  /**
   * Take in triples just added to the graph (an append to the catalogue: a POST), updating ownership and the
   * digests of the datasets they touch. `existing` says which nodes were subjects before. Returns the datasets whose
   * description changed and the datasets the new triples point into, or undefined when the addition reaches into
   * what was there in a way that needs the partition recomputed: a new type on an existing node, a link into another
   * dataset's blank node or distribution, a new shared node or a new shared triple (then everything is validated
   * anyway). Call digests() first.
   */
  absorb(added: [string, string, string, string][], existing: (node: string) => boolean, current: DatasetDigests): { changed: Set<string>; touched: Set<string>; digests: DatasetDigests } | undefined {
    if (!this.links) throw new Error('absorb() needs digests() first');
    const newDatasets: string[] = [];
    for (const [s, p, o] of added) {
      if (p !== RDF_TYPE) continue;
      if (existing(s) || this.owner.has(s)) return undefined;
      if ((o === DCAT_DATASET || o === DCAT_DATASET_SERIES) && termKind(s) === 'iri' && !this.datasetSet.has(s)) newDatasets.push(s);
    }
    for (const [s, p, o] of added) {
      if (p === DCAT_DISTRIBUTION && termKind(o) === 'iri' && !this.distributions.has(o)) {
        // An IRI that was there before and now becomes a distribution would change hands.
        if (existing(o) || this.owner.has(o)) return undefined;
        this.distributions.add(o);
      }
    }
    for (const d of newDatasets) {
      this.datasetSet.add(d);
      this.adopt(d);
    }
    for (const [s, , o] of added) {
      // A new reference to a node that already belongs to a dataset: only from that same dataset.
      const held = this.owner.get(o);
      if (held !== undefined && !this.datasetSet.has(o) && this.owner.get(s) !== held) return undefined;
      this.noteReference(s, o);
    }
    for (const [s] of added) if (this.owner.has(s)) this.queue.push(s);
    this.settle();
    const changed = new Set<string>(newDatasets);
    const touched = new Set<string>();
    for (const [s, p, o, line] of added) {
      const unit = this.owner.get(s);
      if (unit !== undefined) {
        changed.add(unit);
        const target = this.owner.get(o);
        if (target !== undefined && target !== unit) touched.add(target);
      } else if (this.datasetSet.has(o)) {
        // A link from a shared node to a dataset belongs to the dataset.
        changed.add(o);
        const list = this.links.get(o);
        if (list) list.push(line);
        else this.links.set(o, [line]);
        void p;
      } else {
        return undefined; // a new shared triple, or a new node no dataset claims
      }
    }
    if (newDatasets.length) this.datasets = [...this.datasetSet].sort();
    const datasets = { ...current.datasets };
    for (const d of changed) datasets[iriOf(d)] = this.datasetDigest(d);
    return { changed, touched, digests: { shared: current.shared, datasets } };
  }

  /**
   * The datasets to validate given the previous digests: new and changed ones, plus their neighbours — datasets that
   * link to a changed or removed dataset (their sh:class checks on that link may change) and datasets a changed one
   * links to (an inverse-path check such as "a series has members" may change).
   */
  changedSince(previous: DatasetDigests | undefined, current: DatasetDigests): { all: boolean; datasets: Set<string> } {
    if (!previous || previous.shared !== current.shared) return { all: true, datasets: new Set(this.datasets) };
    const changed = new Set<string>();
    for (const d of this.datasets) if (previous.datasets[iriOf(d)] !== current.datasets[iriOf(d)]) changed.add(d);
    const removed = new Set<string>();
    for (const iri of Object.keys(previous.datasets)) if (!(iri in current.datasets)) removed.add(`<${iri}>`);
    if (changed.size === 0 && removed.size === 0) return { all: false, datasets: changed };
    const result = new Set(changed);
    for (const [s, byPredicate] of this.graph.out) {
      const from = this.owner.get(s);
      if (from === undefined) continue;
      for (const objects of byPredicate.values()) {
        for (const o of objects) {
          if (removed.has(o)) {
            result.add(from);
            continue;
          }
          const to = this.owner.get(o);
          if (to === undefined || to === from) continue;
          if (changed.has(from)) result.add(to);
          if (changed.has(to)) result.add(from);
        }
      }
    }
    return { all: false, datasets: result };
  }
}

/**
 * sha256 over the sorted lines of a unit, blank nodes renamed by their first-degree hash. Lines come as the parser
 * wrote them; only lines with a blank node are taken apart again.
 */
function hashLines(lines: string[], salt: string): string {
  const withBlanks: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(0) === 95 || line.includes(' _:')) withBlanks.push(i);
  }
  if (withBlanks.length) relabelBlankNodes(lines, withBlanks);
  lines.sort();
  return crypto.createHash('sha256').update(salt).update(lines.join('\n')).digest('hex');
}

function relabelBlankNodes(lines: string[], at: number[]): void {
  const triples = at.map((i) => splitLine(lines[i]!)!);
  const blankLines = new Map<string, number[]>();
  const note = (node: string, k: number) => {
    const list = blankLines.get(node);
    if (list) list.push(k);
    else blankLines.set(node, [k]);
  };
  triples.forEach(([s, , o], k) => {
    if (s.charCodeAt(0) === 95) note(s, k);
    if (o.charCodeAt(0) === 95 && o !== s) note(o, k);
  });
  if (blankLines.size === 0) return; // ' _:' was inside a literal
  const label = new Map<string, string>();
  for (const [node, ks] of blankLines) {
    const own = ks.map((k) => {
      const [s, p, o] = triples[k]!;
      const name = (t: string) => (t === node ? '_:a' : t.charCodeAt(0) === 95 ? '_:z' : t);
      return `${name(s)} ${p} ${name(o)}`;
    });
    own.sort();
    label.set(node, `_:h${quickHash(own.join('\n'))}`);
  }
  at.forEach((i, k) => {
    const [s, p, o] = triples[k]!;
    lines[i] = `${label.get(s) ?? s} ${p} ${label.get(o) ?? o} .`;
  });
}

/**
 * A 53-bit string hash (cyrb53) for blank-node labels within one dataset: they only need to differ from each other;
 * the dataset digest itself is sha256.
 */
function quickHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

