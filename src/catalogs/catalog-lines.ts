import { countNewlines, lines, splitTripleLine } from '../rdf/ntriples-lines.js';
import type { GraphPatch } from '../store/store.js';

/** What a catalog's next text loses and gains against the stored one, as canonical N-Triples lines. */
export interface LineChange {
  removed: string[];
  added: string[];
}

/**
 * A stored catalog's text with the set of its lines, kept by the writer so that a re-PUT is compared with it line by
 * line: only what changed is validated again and sent to the store. The lines are what our parser wrote (one
 * triple each, one spelling per term), so equal lines are equal triples; blank-node lines are equal only when their
 * labels are, which holds for N-Triples re-sent with the same labels.
 */
export class CatalogLines {
  /**
   * Line → the stamp of the last diff that met it in a new text, so a diff needs no second set. Shared with the
   * state that advance() makes from this one (this one is used up then).
   */
  private readonly index: Map<string, number>;
  private forestCache: BlankForest | null | undefined;
  private distinctCache: boolean | undefined;
  private static nextStamp = 0;

  private constructor(
    readonly text: string,
    index: Map<string, number>,
    /** Whether the text may hold characters past U+00FF, which make V8 keep it at two bytes a character. */
    readonly wide: boolean,
  ) {
    this.index = index;
  }

  static of(text: string): CatalogLines {
    const index = new Map<string, number>();
    for (const line of lines(text)) index.set(line, 0);
    return new CatalogLines(text, index, WIDE.test(text));
  }

  /** Heap the text and its line set take, about (the set: ~96 bytes a line). */
  get bytes(): number {
    return this.text.length * (this.wide ? 2 : 1) + this.index.size * 96;
  }

  /** Distinct triples. */
  get size(): number {
    return this.index.size;
  }

  has(line: string): boolean {
    return this.index.has(line);
  }

  /** Whether no line occurs twice in the text (a POST may restate lines the catalog had). */
  distinct(): boolean {
    this.distinctCache ??= countNewlines(this.text) === this.index.size;
    return this.distinctCache;
  }

  diff(next: string): LineChange {
    const stamp = this.newStamp();
    const added = new Set<string>();
    for (const line of lines(next)) {
      if (this.index.has(line)) this.index.set(line, stamp);
      else added.add(line);
    }
    return { removed: this.unstamped(stamp), added: [...added] };
  }

  private newStamp(): number {
    return ++CatalogLines.nextStamp;
  }

  private unstamped(stamp: number): string[] {
    const removed: string[] = [];
    for (const [line, seen] of this.index) if (seen !== stamp) removed.push(line);
    return removed;
  }

  /** The state after a committed change. This one is used up: its index moves into the result. */
  advance(next: string, change: LineChange): CatalogLines {
    for (const line of change.removed) this.index.delete(line);
    for (const line of change.added) this.index.set(line, 0);
    // The next text is made of kept lines and added ones.
    return new CatalogLines(next, this.index, this.wide || change.added.some((line) => WIDE.test(line)));
  }

  /** How the text's blank nodes hang from IRIs; null when some do not form trees under one IRI each. */
  forest(): BlankForest | null {
    if (this.forestCache === undefined) this.forestCache = blankForest(this.index.keys());
    return this.forestCache;
  }
}

const WIDE = /[^\u0000-\u00ff]/;

/**
 * Blank nodes as trees under IRI subjects (a dataset's contact point, its period of time and the nodes below them).
 * Oxigraph renames blank nodes on load, so the store cannot be told which labelled triple to delete; a tree is
 * instead found from its root and replaced whole.
 */
export interface BlankForest {
  /** Root (an IRI as `<…>`) → the lines of its trees. */
  trees: Map<string, string[]>;
  /** Root → how deep its deepest blank node is (1: its direct objects). */
  depth: Map<string, number>;
  /** The root a blank-node line belongs to. */
  rootOf(line: string): string;
}

export function isBlankLine(line: string): boolean {
  if (line.startsWith('_:')) return true;
  if (!line.includes(' _:')) return false;
  return splitTripleLine(line)?.object.startsWith('_:') ?? false;
}

function blankForest(all: Iterable<string>): BlankForest | null {
  const blankLines: { line: string; subject: string; object: string }[] = [];
  const parent = new Map<string, string>();
  const seen = new Set<string>();
  for (const line of all) {
    if (!isBlankLine(line) || seen.has(line)) continue;
    seen.add(line);
    const triple = splitTripleLine(line)!;
    blankLines.push({ line, subject: triple.subject, object: triple.object });
    if (!triple.object.startsWith('_:')) continue;
    // A blank node referred to twice (or by itself) is not a tree.
    if (parent.has(triple.object) || triple.object === triple.subject) return null;
    parent.set(triple.object, triple.subject);
  }
  const placed = new Map<string, { root: string; depth: number }>();
  const place = (node: string): { root: string; depth: number } | null => {
    const known = placed.get(node);
    if (known) return known;
    const chain: string[] = [];
    let at = node;
    while (at.startsWith('_:') && !placed.has(at)) {
      chain.push(at);
      const up = parent.get(at);
      if (up === undefined || chain.length > parent.size) return null; // unreferenced, or a cycle
      at = up;
    }
    let base = placed.get(at) ?? { root: at, depth: 0 };
    for (let i = chain.length - 1; i >= 0; i--) {
      base = { root: base.root, depth: base.depth + 1 };
      placed.set(chain[i]!, base);
    }
    return base;
  };
  const trees = new Map<string, string[]>();
  const depth = new Map<string, number>();
  for (const { line, subject, object } of blankLines) {
    const where = subject.startsWith('_:') ? place(subject) : place(object);
    if (!where) return null;
    const list = trees.get(where.root);
    if (list) list.push(line);
    else trees.set(where.root, [line]);
    depth.set(where.root, Math.max(depth.get(where.root) ?? 0, where.depth));
  }
  const rootOf = (line: string): string => {
    const triple = splitTripleLine(line)!;
    return triple.subject.startsWith('_:') ? placed.get(triple.subject)!.root : triple.subject;
  };
  return { trees, depth, rootOf };
}

/**
 * Past this share of the catalog's triples a patch costs the store more than loading the text again: it deletes
 * and loads what it names, a replace drops the graph and loads everything.
 */
const PATCH_LIMIT = 0.5;

/**
 * The store patch that takes `before` to `next`, or undefined when the whole text should be loaded instead: the
 * patch would be large, or some blank nodes do not form trees under IRIs.
 */
export function graphPatch(before: CatalogLines, next: string, change: LineChange): GraphPatch | undefined {
  const limit = PATCH_LIMIT * before.size;
  if (change.removed.length + change.added.length > 2 * limit) return undefined;
  const remove: string[] = [];
  const add: string[] = [];
  const roots = new Set<string>();
  let oldForest: BlankForest | null | undefined;
  let newForest: BlankForest | null | undefined;
  for (const line of change.removed) {
    if (!isBlankLine(line)) remove.push(line);
    else if ((oldForest ??= before.forest())) roots.add(oldForest.rootOf(line));
    else return undefined;
  }
  for (const line of change.added) {
    if (!isBlankLine(line)) add.push(line);
    else if ((newForest ??= blankForest(lines(next)))) roots.add(newForest.rootOf(line));
    else return undefined;
  }
  const trees = { roots: [] as string[], depth: 0, ntriples: [] as string[] };
  if (roots.size) {
    oldForest ??= before.forest();
    newForest ??= blankForest(lines(next));
    if (!oldForest || !newForest) return undefined;
    for (const root of roots) {
      const old = oldForest.trees.get(root);
      if (old) {
        trees.roots.push(root);
        trees.depth = Math.max(trees.depth, oldForest.depth.get(root)!);
        for (const line of old) trees.ntriples.push(line);
      }
      for (const line of newForest.trees.get(root) ?? []) add.push(line);
    }
  }
  if (remove.length + trees.ntriples.length + add.length > limit) return undefined;
  return { remove: joinLines(remove), trees: { ...trees, ntriples: joinLines(trees.ntriples) }, add: joinLines(add) };
}

export function joinLines(list: string[]): string {
  return list.length ? `${list.join('\n')}\n` : '';
}
