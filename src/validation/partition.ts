import crypto from 'node:crypto';
import { fingerprint } from '../rdf/fingerprint.js';
import { dcat } from '../rdf/vocabulary.js';
import { dropOne, iriOf, RDF_TYPE, splitLine, termKind, type TripleGraph } from './ntriples-graph.js';
import type { ValidationResult } from './report.js';

const DCAT_DATASET = `<${dcat('Dataset')}>`;
const DCAT_DATASET_SERIES = `<${dcat('DatasetSeries')}>`;
const DCAT_DISTRIBUTION = `<${dcat('distribution')}>`;

export type Triple = [s: string, p: string, o: string];

/** What Partition.patch() changed, for the digests and the selection that follow it. */
export interface PatchEffect {
  /** Datasets whose digest may differ from before the patch (new datasets included). */
  recompute: Set<string>;
  /** Datasets that are datasets no more, with the subjects that still refer to them. */
  removed: Map<string, string[]>;
  /** Whether the shared part may differ (a shared subject was touched, or a node became or stopped being a dataset). */
  sharedTouched: boolean;
}

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
  /** Subjects referring to each dataset (for patch(): links between datasets without looking at every triple). */
  private readonly datasetReferrers = new Map<string, string[]>();
  /** Lines linking shared nodes to each dataset (kept by digests()). */
  private links?: Map<string, string[]>;
  private queue: string[] = [];
  private readonly pending = new Set<string>();
  /** Subjects that belong to no dataset, once asked for; kept up to date from then on. */
  private shared?: Set<string>;

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
    if (first === 34 /* " */) return;
    if (first === 60 /* < */ && !this.distributions.has(o)) {
      if (this.datasetSet.has(o)) push(this.datasetReferrers, o, s);
      return;
    }
    push(this.referrers, o, s);
  }

  private adopt(dataset: string): void {
    this.owner.set(dataset, dataset);
    this.shared?.delete(dataset);
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
    this.shared?.delete(node);
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
    return [...this.sharedSet()];
  }

  private sharedSet(): Set<string> {
    if (!this.shared) {
      this.shared = new Set();
      for (const s of this.graph.out.keys()) if (!this.owner.has(s)) this.shared.add(s);
    }
    return this.shared;
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
    const shared = this.linkShared(fingerprint);
    const datasets: Record<string, string> = {};
    for (const d of this.datasets) datasets[iriOf(d)] = this.datasetDigest(d);
    return { shared, datasets };
  }

  /**
   * digests() after patch(): the shared digest and the links again (one look at the shared subjects), the dataset
   * digests only of `effect.recompute`; the others are those of `kept`, the digests from before the patch.
   */
  digestsAfterPatch(fingerprint: string, effect: PatchEffect, kept: DatasetDigests): DatasetDigests {
    if (!this.links) throw new Error('digestsAfterPatch() needs digests() first');
    let shared = kept.shared;
    if (effect.sharedTouched) shared = this.linkShared(fingerprint);
    else this.relink(effect.recompute);
    const datasets = { ...kept.datasets };
    for (const d of effect.removed.keys()) delete datasets[iriOf(d)];
    for (const d of effect.recompute) datasets[iriOf(d)] = this.datasetDigest(d);
    return { shared, datasets };
  }

  /**
   * The links from shared subjects to these datasets again (the others' links have not changed). Each shared subject
   * linking to one of them is read once: the catalogue's 10,000 links must not be searched once per dataset.
   */
  private relink(datasets: Set<string>): void {
    const from = new Set<string>();
    for (const d of datasets) for (const s of this.datasetReferrers.get(d) ?? []) if (!this.owner.has(s)) from.add(s);
    const links = new Map<string, string[]>();
    for (const s of from) {
      for (const [p, objects] of this.graph.out.get(s)!) for (const o of objects) if (datasets.has(o)) push(links, o, `${s} ${p} ${o} .`);
    }
    for (const d of datasets) {
      const lines = links.get(d);
      if (lines) this.links!.set(d, lines);
      else this.links!.delete(d);
    }
  }

  /** Sort the shared subjects' lines into the shared digest (returned) and the links to each dataset (this.links). */
  private linkShared(fingerprint: string): string {
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
    return hashLines(shared, `${fingerprint}\n`);
  }

  private datasetDigest(d: string): string {
    const lines: string[] = [...(this.links!.get(d) ?? [])];
    for (const node of this.membersOf(d)) for (const line of this.graph.lines.get(node) ?? []) lines.push(line);
    return hashLines(lines, '');
  }

  /**
   * Take in triples just removed from and added to the graph (a write as a line diff: a re-PUT, or a POST that removes
   * nothing), leaving owners, members, the dataset list and the shared subjects as `new Partition(graph)` would have
   * them, without looking at every node.
   * `relined` names subjects whose lines changed while their triples stayed (a line the ontology states as well).
   * Call digests() before the first patch.
   *
   * Why this is exact: a node's owner depends only on what refers to it, and on what refers to those, up to the
   * datasets. Every node whose own triples, referrers, type or candidacy changed is a subject or object of a changed
   * triple (a seed); every candidate the seeds reach (in the patched graph) may change hands. Outside that closure,
   * nothing a node's owner depends on has changed, so it keeps its owner; inside, owners are cleared and claimed again
   * against the settled rest, which reaches the same fixed point as claiming from scratch. Only an IRI that becomes a
   * dataset or a distribution needs a look at every triple: unchanged lines may refer to it.
   */
  patch(removed: readonly Triple[], added: readonly Triple[], relined: readonly string[] = []): PatchEffect {
    const seeds = new Set<string>(relined);
    for (const list of [removed, added]) {
      for (const [s, , o] of list) {
        seeds.add(s);
        if (o.charCodeAt(0) !== 34 /* " */) seeds.add(o);
      }
    }
    this.rereference(removed, added);
    const { became, stopped } = this.retype([removed, added]);
    const gone = new Map<string, string[]>();
    for (const d of stopped) {
      gone.set(d, this.datasetReferrers.get(d) ?? []);
      this.datasetReferrers.delete(d);
    }
    this.redistribute([removed, added], became, gone);
    const affected = this.reach(seeds);
    const shared = this.sharedSet();
    let sharedTouched = became.length > 0 || stopped.length > 0;
    for (const node of affected) if (shared.has(node)) sharedTouched = true;
    const before = this.release(affected);
    for (const d of became) this.adopt(d);
    for (const node of affected) {
      if (this.datasetSet.has(node)) this.queue.push(node);
      else if (this.referrers.has(node) && !this.owner.has(node)) this.pending.add(node);
    }
    this.settle();
    if (became.length || stopped.length) this.datasets = [...this.datasetSet].sort();
    for (const node of affected) {
      if (this.graph.out.has(node) && !this.owner.has(node)) {
        shared.add(node);
        sharedTouched = true;
      } else {
        shared.delete(node);
      }
    }
    return { recompute: this.toRecompute(affected, before), removed: gone, sharedTouched };
  }

  /** Referrer lists after the changed triples, for the nodes that were candidates or datasets before. */
  private rereference(removed: readonly Triple[], added: readonly Triple[]): void {
    for (const [s, , o] of removed) {
      dropOne(this.referrers, o, s);
      dropOne(this.datasetReferrers, o, s);
    }
    for (const [s, , o] of added) this.noteReference(s, o);
  }

  /** Dataset status of the subjects of changed dcat:Dataset / dcat:DatasetSeries type triples. */
  private retype(lists: readonly (readonly Triple[])[]): { became: string[]; stopped: string[] } {
    const became: string[] = [];
    const stopped: string[] = [];
    for (const list of lists) {
      for (const [s, p, o] of list) {
        if (p !== RDF_TYPE || (o !== DCAT_DATASET && o !== DCAT_DATASET_SERIES) || termKind(s) !== 'iri') continue;
        const now = this.graph.objects(s, RDF_TYPE).some((t) => t === DCAT_DATASET || t === DCAT_DATASET_SERIES);
        if (now === this.datasetSet.has(s)) continue;
        if (now) {
          this.datasetSet.add(s);
          became.push(s);
        } else {
          this.datasetSet.delete(s);
          this.members.delete(s);
          stopped.push(s);
        }
      }
    }
    return { became, stopped };
  }

  /**
   * Distribution status of IRIs whose dcat:distribution links or dataset status changed, and the referrers of new
   * datasets. A node that was a candidate or a dataset has its complete referrer list already; for one that was
   * neither, only a look at every triple finds them (unchanged lines may refer to it), done once for all such nodes.
   */
  private redistribute(lists: readonly (readonly Triple[])[], became: string[], gone: Map<string, string[]>): void {
    const fresh = new Set(became);
    const watch = new Set<string>([...became, ...gone.keys()]);
    for (const list of lists) for (const [, p, o] of list) if (p === DCAT_DISTRIBUTION && termKind(o) === 'iri') watch.add(o);
    const unknown: string[] = [];
    for (const node of watch) {
      if (this.datasetSet.has(node) && !fresh.has(node)) continue; // a dataset still: its lists are up to date
      const known = this.distributions.has(node) ? this.referrers.get(node)! : gone.get(node);
      this.distributions.delete(node);
      this.referrers.delete(node);
      if (known) this.place(node, known);
      else unknown.push(node);
    }
    if (unknown.length === 0) return;
    const wanted = new Set(unknown);
    const found = new Map<string, string[]>();
    for (const [s, byPredicate] of this.graph.out) {
      for (const objects of byPredicate.values()) for (const o of objects) if (wanted.has(o)) push(found, o, s);
    }
    for (const node of unknown) this.place(node, found.get(node) ?? []);
  }

  /** File a node whose status may have changed under datasets or distributions, with all its referrers. */
  private place(node: string, referrers: readonly string[]): void {
    if (referrers.length === 0) return;
    if (this.datasetSet.has(node)) {
      this.datasetReferrers.set(node, [...referrers]);
    } else if (referrers.some((r) => this.graph.objects(r, DCAT_DISTRIBUTION).includes(node))) {
      this.distributions.add(node);
      this.referrers.set(node, [...referrers]);
    }
  }

  /** The seeds and every candidate they reach: the nodes whose owner may change. */
  private reach(seeds: Set<string>): Set<string> {
    const affected = seeds;
    for (const node of affected) {
      const byPredicate = this.graph.out.get(node);
      if (!byPredicate) continue;
      for (const objects of byPredicate.values()) for (const o of objects) if (this.referrers.has(o)) affected.add(o);
    }
    return affected;
  }

  /** Clear the owners of the affected nodes (datasets keep themselves); returns their owners from before. */
  private release(affected: Set<string>): Map<string, string> {
    const before = new Map<string, string>();
    const losing = new Set<string>();
    for (const node of affected) {
      const owner = this.owner.get(node);
      if (owner === undefined) continue;
      before.set(node, owner);
      if (owner === node && this.datasetSet.has(node)) continue;
      this.owner.delete(node);
      losing.add(owner);
    }
    for (const d of losing) {
      const members = this.members.get(d);
      if (members) this.members.set(d, members.filter((m) => this.owner.get(m) === d));
    }
    return before;
  }

  /**
   * Datasets whose digest may have changed: the old and new owners of the affected nodes (members and member lines),
   * and, for a node that changed hands, the datasets it links to (a link from a shared node is part of the dataset).
   * A changed link line from a shared node has the dataset as a seed, owned by itself.
   */
  private toRecompute(affected: Set<string>, before: Map<string, string>): Set<string> {
    const recompute = new Set<string>();
    for (const node of affected) {
      const was = before.get(node);
      const now = this.owner.get(node);
      if (was !== undefined && this.datasetSet.has(was)) recompute.add(was);
      if (now !== undefined) recompute.add(now);
      if (was === now) continue;
      for (const objects of this.graph.out.get(node)?.values() ?? []) for (const o of objects) if (this.datasetSet.has(o)) recompute.add(o);
    }
    return recompute;
  }

  /**
   * changedSince() after patch() and digestsAfterPatch(), the same answer without visiting every triple. `previous`
   * must be the digests from before the patch (only `effect.recompute` can have changed, only `effect.removed` gone).
   * Of the links into a changed dataset's nodes, only those into the dataset itself can come from another dataset (a
   * blank node or distribution belongs to a dataset only when nothing outside it refers to it): the referrers of the
   * changed and removed dataset IRIs are all there is to look at.
   */
  changedAfterPatch(previous: DatasetDigests, current: DatasetDigests, effect: PatchEffect): { all: boolean; datasets: Set<string> } {
    if (previous.shared !== current.shared) return { all: true, datasets: new Set(this.datasets) };
    const changed = new Set<string>();
    for (const d of effect.recompute) if (previous.datasets[iriOf(d)] !== current.datasets[iriOf(d)]) changed.add(d);
    const removed = new Map([...effect.removed].filter(([d]) => iriOf(d) in previous.datasets));
    if (changed.size === 0 && removed.size === 0) return { all: false, datasets: changed };
    const result = new Set(changed);
    for (const d of changed) {
      for (const node of this.membersOf(d)) {
        for (const objects of this.graph.out.get(node)?.values() ?? []) {
          for (const o of objects) {
            const to = removed.has(o) ? undefined : this.owner.get(o);
            if (to !== undefined && to !== d) result.add(to);
          }
        }
      }
      for (const s of this.datasetReferrers.get(d) ?? []) {
        const from = this.owner.get(s);
        if (from !== undefined && from !== d) result.add(from);
      }
    }
    for (const referrers of removed.values()) {
      for (const s of referrers) {
        const from = this.owner.get(s);
        if (from !== undefined) result.add(from);
      }
    }
    return { all: false, datasets: result };
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
    label.set(node, `_:h${fingerprint(own.join('\n'))}`);
  }
  at.forEach((i, k) => {
    const [s, p, o] = triples[k]!;
    lines[i] = `${label.get(s) ?? s} ${p} ${label.get(o) ?? o} .`;
  });
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

