import { fromRdf } from 'rdf-literal';
import type { Literal, NamedNode } from '@rdfjs/types';
import {
  canonicalKey,
  decodeLiteral,
  RDF_TYPE,
  RDFS_SUBCLASS_OF,
  stringValue,
  type DecodedLiteral,
  type TripleGraph,
} from './ntriples-graph.js';
import { XSD_DATETIME } from '../rdf/vocabulary.js';
import { type CompiledPath, type CompiledShape, type CompiledShapes, type Constraint } from './shapes-compiler.js';

/** A validation result as the evaluator finds it: terms in N-Triples spelling, shape and constraint as compiled. */
export interface RawResult {
  focus: string;
  shape: CompiledShape;
  constraint: Constraint;
  value: string | null;
  path: CompiledPath | null;
}

/** What constraint functions may ask of the running evaluation. */
export interface Evaluation {
  readonly graph: TripleGraph;
  literal(key: string): DecodedLiteral;
  string(key: string): string;
  canonical(key: string): string;
  compare(a: string, b: string): number | null;
  isInstanceOf(node: string, classKey: string): boolean;
  conforms(node: string, shape: CompiledShape): boolean;
  conformsAlong(focus: string, shape: CompiledShape, path: CompiledPath): boolean;
  validate(focus: string, shape: CompiledShape): void;
  inverseOf(path: CompiledPath, node: string): readonly string[];
  closure(step: CompiledPath, node: string, includeSelf: boolean): readonly string[];
}

/** Thrown inside a nested conformance check at the first result: the answer is known. */
const NONCONFORMING = Symbol('nonconforming');

/**
 * Runs compiled shapes over one data graph. Nested checks (sh:node, sh:or, sh:not, qualified shapes) are memoised per
 * (shape, node): a publisher or a date literal shared by 10,000 datasets is checked once. Unlike rdf-validate-shacl's
 * default `maxNodeChecks` of 50, a repeated check is never skipped, so the 51st dataset with the same bad value
 * is still reported.
 */
export class Evaluator implements Evaluation {
  private sink: (result: RawResult) => void;
  private readonly memo: Map<string, boolean>[];
  private readonly inProgress = new Set<string>();
  private readonly classClosures = new Map<string, Set<string>>();

  constructor(
    readonly graph: TripleGraph,
    private readonly shapes: CompiledShapes,
  ) {
    this.memo = shapes.shapes.map(() => new Map());
    this.sink = () => {};
  }

  /**
   * Validate every target of every root shape, or only the focus nodes `include` accepts (incremental and
   * partitioned validation: the graph is complete, only the focus nodes are chosen).
   */
  run(include?: (focus: string) => boolean): RawResult[] {
    const results: RawResult[] = [];
    this.sink = (r) => results.push(r);
    for (const shape of this.shapes.roots) {
      for (const focus of this.targetsOf(shape)) {
        if (include && !include(focus)) continue;
        this.validate(focus, shape);
      }
    }
    return results;
  }

  /**
   * The same as run(include), when the accepted focus nodes are few: instead of collecting every target of every
   * shape and dropping most, look at each candidate node (every subject `include` accepts) and ask which shapes
   * target it. Explicit targets (sh:targetNode, sh:targetObjectsOf) are taken as run() does.
   */
  runOn(candidates: Iterable<string>, include: (focus: string) => boolean): RawResult[] {
    const results: RawResult[] = [];
    this.sink = (r) => results.push(r);
    const byClass = new Map<string, CompiledShape[]>();
    const bySubjectOf: [string, CompiledShape][] = [];
    const explicit = new Map<string, Set<CompiledShape>>();
    for (const shape of this.shapes.roots) {
      const targets = shape.targets!;
      const classes = new Set<string>();
      for (const cls of targets.classes) for (const c of this.classClosure(cls)) classes.add(c);
      for (const c of classes) {
        const list = byClass.get(c);
        if (list) list.push(shape);
        else byClass.set(c, [shape]);
      }
      for (const p of targets.subjectsOf) bySubjectOf.push([p, shape]);
      const nodes = new Set<string>(targets.nodes);
      for (const p of targets.objectsOf) for (const [o] of this.graph.objectsOf(p)) nodes.add(o);
      for (const n of nodes) {
        if (!include(n)) continue;
        if (!explicit.has(n)) explicit.set(n, new Set());
        explicit.get(n)!.add(shape);
        this.validate(n, shape);
      }
    }
    const seen = new Set<CompiledShape>();
    for (const focus of candidates) {
      if (!include(focus)) continue;
      seen.clear();
      const done = explicit.get(focus);
      for (const t of this.graph.objects(focus, RDF_TYPE)) {
        for (const shape of byClass.get(t) ?? []) {
          if (seen.has(shape) || done?.has(shape)) continue;
          seen.add(shape);
          this.validate(focus, shape);
        }
      }
      for (const [p, shape] of bySubjectOf) {
        if (seen.has(shape) || done?.has(shape) || this.graph.objects(focus, p).length === 0) continue;
        seen.add(shape);
        this.validate(focus, shape);
      }
    }
    return results;
  }

  targetsOf(shape: CompiledShape): Set<string> {
    const focus = new Set<string>();
    const targets = shape.targets!;
    for (const cls of targets.classes) {
      for (const c of this.classClosure(cls)) for (const s of this.graph.subjects(RDF_TYPE, c)) focus.add(s);
    }
    for (const n of targets.nodes) focus.add(n);
    for (const p of targets.subjectsOf) for (const [, subjects] of this.graph.objectsOf(p)) for (const s of subjects) focus.add(s);
    for (const p of targets.objectsOf) for (const [o] of this.graph.objectsOf(p)) focus.add(o);
    return focus;
  }

  validate(focus: string, shape: CompiledShape): void {
    if (shape.deactivated) return;
    const values = shape.path ? shape.path.evaluate(this, focus) : [focus];
    const sink = this.sink;
    for (const constraint of shape.constraints) {
      constraint.run(this, focus, values, (value, path) => sink({ focus, shape, constraint, value, path: path ?? shape.path }));
    }
  }

  conforms(node: string, shape: CompiledShape): boolean {
    const memo = this.memo[shape.index]!;
    const known = memo.get(node);
    if (known !== undefined) return known;
    const id = `${shape.index} ${node}`;
    // A shape that refers back to itself for the same node: SHACL leaves recursion undefined; assume conformance.
    if (this.inProgress.has(id)) return true;
    this.inProgress.add(id);
    const outer = this.sink;
    let result = true;
    this.sink = () => {
      throw NONCONFORMING;
    };
    try {
      this.validate(node, shape);
    } catch (error) {
      if (error !== NONCONFORMING) throw error;
      result = false;
    } finally {
      this.sink = outer;
      this.inProgress.delete(id);
    }
    memo.set(node, result);
    return result;
  }

  /** sh:and on a property shape, as rdf-validate-shacl does it: the member shape with the outer path, on the focus. */
  conformsAlong(focus: string, shape: CompiledShape, path: CompiledPath): boolean {
    const outer = this.sink;
    this.sink = () => {
      throw NONCONFORMING;
    };
    try {
      const values = path.evaluate(this, focus);
      for (const constraint of shape.constraints) {
        constraint.run(this, focus, values, () => {
          throw NONCONFORMING;
        });
      }
      return true;
    } catch (error) {
      if (error !== NONCONFORMING) throw error;
      return false;
    } finally {
      this.sink = outer;
    }
  }

  isInstanceOf(node: string, classKey: string): boolean {
    const types = this.graph.objects(node, RDF_TYPE);
    if (types.length === 0) return false;
    const classes = this.classClosure(classKey);
    for (const t of types) if (classes.has(t)) return true;
    return false;
  }

  /** The class and all its subclasses, from rdfs:subClassOf in the data graph (where the background ontology is). */
  classClosure(classKey: string): Set<string> {
    let closure = this.classClosures.get(classKey);
    if (closure) return closure;
    closure = new Set([classKey]);
    const queue = [classKey];
    while (queue.length) {
      for (const sub of this.graph.subjects(RDFS_SUBCLASS_OF, queue.pop()!)) {
        if (!closure.has(sub)) {
          closure.add(sub);
          queue.push(sub);
        }
      }
    }
    this.classClosures.set(classKey, closure);
    return closure;
  }

  literal(key: string): DecodedLiteral {
    return decodeLiteral(key);
  }

  string(key: string): string {
    return stringValue(key);
  }

  canonical(key: string): string {
    return canonicalKey(key);
  }

  /**
   * Order of two literals as rdf-validate-shacl computes it (rdf-literal's JavaScript values; a dateTime with a time
   * zone is not comparable with one without). null when not comparable.
   */
  compare(a: string, b: string): number | null {
    if (a.charCodeAt(0) !== 34 || b.charCodeAt(0) !== 34) return null;
    const la = decodeLiteral(a);
    const lb = decodeLiteral(b);
    if (hasTimezone(la) !== hasTimezone(lb)) return null;
    let va: unknown;
    let vb: unknown;
    try {
      va = fromRdf(asTerm(la));
      vb = fromRdf(asTerm(lb));
    } catch {
      return null;
    }
    if (typeof va !== typeof vb) return null;
    if (typeof va === 'string') return va.localeCompare(vb as string);
    return (va as number) - (vb as number);
  }

  inverseOf(path: CompiledPath, node: string): readonly string[] {
    // Rare (inverse of a complex path): scan the subjects.
    const result: string[] = [];
    for (const subject of this.graph.out.keys()) if (path.evaluate(this, subject).includes(node)) result.push(subject);
    return result;
  }

  closure(step: CompiledPath, node: string, includeSelf: boolean): readonly string[] {
    const seen = new Set<string>();
    const queue = [node];
    while (queue.length) {
      for (const next of step.evaluate(this, queue.pop()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    if (includeSelf) seen.add(node);
    return [...seen];
  }
}

function hasTimezone(literal: DecodedLiteral): boolean {
  return literal.datatype === XSD_DATETIME && /^.*(((\+|-)\d{2}:\d{2})|Z)$/.test(literal.lexical);
}

function asTerm(literal: DecodedLiteral): Literal {
  return {
    termType: 'Literal',
    value: literal.lexical,
    language: literal.language,
    datatype: { termType: 'NamedNode', value: literal.datatype } as NamedNode,
  } as Literal;
}
