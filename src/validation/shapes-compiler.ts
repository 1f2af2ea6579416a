import N3 from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { validators as datatypeValidators } from 'rdf-validate-datatype';
import { RDF, SH, XSD_BOOLEAN, rdfs } from '../rdf/vocabulary.js';
import { canonicalKey, literalKey, RDF_TYPE, RDFS_SUBCLASS_OF } from './ntriples-graph.js';
import type { Evaluation } from './shacl-evaluator.js';

/**
 * Turns a SHACL shapes graph into plain objects with one function per constraint, once per profile, so that
 * validating a catalogue is a walk over Maps instead of graph queries on the shapes.
 *
 * Scope: SHACL Core (every constraint component and path form of https://www.w3.org/TR/shacl/ §4 and §2.3.1), with
 * the behaviour of rdf-validate-shacl 0.6.5 where the specification leaves room (which value a result names, how
 * sh:and on a property shape and sh:languageIn match). The test suite runs both engines on the same data and
 * requires the same results. SHACL-SPARQL (`sh:sparql`, `sh:target`), SHACL-AF (`sh:expression`, `sh:rule`) and
 * misspelt SHACL terms (the official DCAT-AP files' `sh:shape`) are refused when the profile loads, because
 * engines silently skip what they do not know and the check would never run.
 */

const RDFS_CLASS = rdfs('Class');

export type Severity = 'Violation' | 'Warning' | 'Info';

/** A failure: the value it concerns (none for counts), and a path when it differs from the shape's (sh:closed). */
export type Fail = (value: string | null, path?: CompiledPath) => void;

export interface Constraint {
  /** IRI of the constraint component, e.g. http://www.w3.org/ns/shacl#MinCountConstraintComponent */
  component: string;
  /** `{$name}` substitutions for messages. */
  parameters: Record<string, string>;
  /** Default message when the shape has no sh:message (the wording rdf-validate-shacl uses). */
  defaultMessage: string;
  run(evaluation: Evaluation, focus: string, values: readonly string[], fail: Fail): void;
}

export interface CompiledPath {
  /** The predicate IRI for a plain path; SPARQL property-path syntax (`^<…>`, `<a>/<b>`) otherwise. */
  text: string;
  evaluate(evaluation: Evaluation, node: string): readonly string[];
}

export interface Targets {
  classes: string[];
  nodes: string[];
  subjectsOf: string[];
  objectsOf: string[];
}

export interface CompiledShape {
  index: number;
  /** IRI, or `_:label` of the shapes graph for an anonymous shape. */
  id: string;
  severity: Severity;
  severityIri: string;
  deactivated: boolean;
  path: CompiledPath | null;
  constraints: Constraint[];
  messages: { en?: string; sv?: string; other?: string };
  /** Set on shapes that select focus nodes themselves (sh:targetClass and friends, or implicit class targets). */
  targets: Targets | null;
}

export interface CompiledShapes {
  shapes: CompiledShape[];
  /** Shapes with targets and at least one constraint: where validation starts. */
  roots: CompiledShape[];
  /** Predicates the evaluator must be able to follow backwards (inverse paths, sh:targetObjectsOf). */
  inversePredicates: string[];
  /** Predicates used by sh:targetSubjectsOf: indexed backwards too, to find their subjects. */
  subjectPredicates: string[];
}

export class ShapesError extends Error {}

const COMPONENT_PARAMETERS = new Map<string, string[]>([
  ['class', ['Class']],
  ['datatype', ['Datatype']],
  ['nodeKind', ['NodeKind']],
  ['minCount', ['MinCount']],
  ['maxCount', ['MaxCount']],
  ['minExclusive', ['MinExclusive']],
  ['minInclusive', ['MinInclusive']],
  ['maxExclusive', ['MaxExclusive']],
  ['maxInclusive', ['MaxInclusive']],
  ['minLength', ['MinLength']],
  ['maxLength', ['MaxLength']],
  ['pattern', ['Pattern']],
  ['languageIn', ['LanguageIn']],
  ['uniqueLang', ['UniqueLang']],
  ['equals', ['Equals']],
  ['disjoint', ['Disjoint']],
  ['lessThan', ['LessThan']],
  ['lessThanOrEquals', ['LessThanOrEquals']],
  ['not', ['Not']],
  ['and', ['And']],
  ['or', ['Or']],
  ['xone', ['Xone']],
  ['node', ['Node']],
  ['property', ['Property']],
  ['qualifiedValueShape', ['QualifiedMinCount', 'QualifiedMaxCount']],
  ['qualifiedMinCount', ['QualifiedMinCount']],
  ['qualifiedMaxCount', ['QualifiedMaxCount']],
  ['closed', ['Closed']],
  ['hasValue', ['HasValue']],
  ['in', ['In']],
]);

/** SHACL terms that may appear on a shape without being a constraint. */
const NON_CONSTRAINT = new Set([
  'path', 'targetClass', 'targetNode', 'targetSubjectsOf', 'targetObjectsOf', 'severity', 'message', 'deactivated',
  'name', 'description', 'order', 'group', 'defaultValue', 'flags', 'ignoredProperties', 'qualifiedValueShapesDisjoint',
]);
const REFUSED: Record<string, string> = {
  sparql: 'SHACL-SPARQL constraints (sh:sparql) are not supported',
  target: 'SPARQL-based targets (sh:target) are not supported',
  expression: 'SHACL-AF node expressions (sh:expression) are not supported',
  rule: 'SHACL-AF rules (sh:rule) are not supported',
};

export interface CompileOptions {
  /**
   * 'refuse' (default): a SHACL term the engine does not know fails the profile at start-up. 'ignore': skip it, as
   * other engines do — only for comparing engines on third-party shapes (the official files use sh:shape).
   */
  unknownTerms?: 'refuse' | 'ignore';
}

/** Compile every shape of a shapes graph. Throws ShapesError for what the engine would otherwise skip silently. */
export function compileShapes(quads: Quad[], options: CompileOptions = {}): CompiledShapes {
  return new Compiler(quads, options.unknownTerms === 'ignore').compile();
}

class Compiler {
  private readonly store: N3.Store;
  private readonly byTerm = new Map<string, CompiledShape>();
  private readonly shapes: CompiledShape[] = [];
  private readonly inverse = new Set<string>();
  private readonly subjectsOf = new Set<string>();

  constructor(
    quads: Quad[],
    private readonly ignoreUnknown: boolean,
  ) {
    this.store = new N3.Store(quads as N3.Quad[]);
  }

  compile(): CompiledShapes {
    const roots: CompiledShape[] = [];
    for (const node of this.candidateRoots()) {
      const shape = this.shape(node);
      if (shape.targets && shape.constraints.length > 0) roots.push(shape);
    }
    return { shapes: this.shapes, roots, inversePredicates: [...this.inverse], subjectPredicates: [...this.subjectsOf] };
  }

  /** Shapes that declare targets, and shapes that are classes (implicit class targets), in document order. */
  private candidateRoots(): Term[] {
    const seen = new Map<string, Term>();
    for (const predicate of ['targetClass', 'targetNode', 'targetSubjectsOf', 'targetObjectsOf', 'target']) {
      for (const q of this.store.getQuads(null, N3.DataFactory.namedNode(SH + predicate), null, null)) seen.set(key(q.subject), q.subject);
    }
    const classes = this.classClosure(RDFS_CLASS);
    for (const q of this.store.getQuads(null, N3.DataFactory.namedNode(RDF + 'type'), null, null)) {
      if (classes.has(q.object.value) && this.isShapeLike(q.subject)) seen.set(key(q.subject), q.subject);
    }
    return [...seen.values()];
  }

  private isShapeLike(node: Term): boolean {
    return this.store.getQuads(node, null, null, null).some((q) => q.predicate.value.startsWith(SH));
  }

  private classClosure(cls: string): Set<string> {
    const result = new Set([cls]);
    const queue = [cls];
    while (queue.length) {
      const current = queue.pop()!;
      for (const q of this.store.getQuads(null, N3.DataFactory.namedNode(RDFS_SUBCLASS_OF.slice(1, -1)), N3.DataFactory.namedNode(current), null)) {
        if (!result.has(q.subject.value)) {
          result.add(q.subject.value);
          queue.push(q.subject.value);
        }
      }
    }
    return result;
  }

  private objects(node: Term, predicate: string): Term[] {
    return this.store.getObjects(node as N3.Term, N3.DataFactory.namedNode(SH + predicate), null);
  }

  private one(node: Term, predicate: string): Term | undefined {
    return this.objects(node, predicate)[0];
  }

  /** Lists already read, by head: the vocabulary lists (8,000 languages) are shared by several sh:in shapes. */
  private readonly lists = new Map<string, Term[]>();

  private list(head: Term): Term[] {
    const known = this.lists.get(key(head));
    if (known) return known;
    const items: Term[] = [];
    let current = head;
    const nil = RDF + 'nil';
    const seen = new Set<string>();
    while (current.value !== nil) {
      if (seen.has(key(current))) throw new ShapesError(`cyclic RDF list at ${key(current)}`);
      seen.add(key(current));
      const first = this.store.getObjects(current as N3.Term, N3.DataFactory.namedNode(RDF + 'first'), null)[0];
      const rest = this.store.getObjects(current as N3.Term, N3.DataFactory.namedNode(RDF + 'rest'), null)[0];
      if (!first || !rest) throw new ShapesError(`malformed RDF list at ${key(current)}`);
      items.push(first);
      current = rest;
    }
    this.lists.set(key(head), items);
    return items;
  }

  shape(node: Term): CompiledShape {
    const existing = this.byTerm.get(key(node));
    if (existing) return existing;
    const severityTerm = this.one(node, 'severity');
    const severityIri = severityTerm?.value ?? SH + 'Violation';
    const shape: CompiledShape = {
      index: this.shapes.length,
      id: node.termType === 'BlankNode' ? `_:${node.value}` : node.value,
      severity: severityIri === SH + 'Warning' ? 'Warning' : severityIri === SH + 'Info' ? 'Info' : 'Violation',
      severityIri,
      deactivated: this.one(node, 'deactivated')?.value === 'true',
      path: null,
      constraints: [],
      messages: messagesOf(this.objects(node, 'message')),
      targets: null,
    };
    // Registered before its constraints are compiled, so recursive shapes refer to the same object.
    this.byTerm.set(key(node), shape);
    this.shapes.push(shape);
    const pathTerm = this.one(node, 'path');
    if (pathTerm) shape.path = this.path(pathTerm);
    shape.targets = this.targets(node);
    shape.constraints = this.constraints(node, shape);
    return shape;
  }

  private targets(node: Term): Targets | null {
    const classes = this.objects(node, 'targetClass').map(key);
    const classTypes = this.classClosure(RDFS_CLASS);
    const implicit = this.store.getObjects(node as N3.Term, N3.DataFactory.namedNode(RDF + 'type'), null).some((t) => classTypes.has(t.value));
    if (implicit) classes.push(key(node));
    const nodes = this.objects(node, 'targetNode').map(dataKey);
    const subjectsOf = this.objects(node, 'targetSubjectsOf').map(key);
    const objectsOf = this.objects(node, 'targetObjectsOf').map(key);
    const declared = classes.length + nodes.length + subjectsOf.length + objectsOf.length > 0;
    if (!declared && this.objects(node, 'target').length === 0) return null;
    for (const p of subjectsOf) this.subjectsOf.add(p);
    for (const p of objectsOf) this.inverse.add(p);
    return { classes, nodes, subjectsOf, objectsOf };
  }

  private path(term: Term): CompiledPath {
    if (term.termType === 'NamedNode') {
      const p = `<${term.value}>`;
      return { text: term.value, evaluate: (e, node) => e.graph.objects(node, p) };
    }
    if (term.termType !== 'BlankNode') throw new ShapesError(`sh:path must be an IRI or a blank node, got ${key(term)}`);
    const inverse = this.one(term, 'inversePath');
    if (inverse) {
      const inner = this.path(inverse);
      if (inverse.termType === 'NamedNode') {
        const p = `<${inverse.value}>`;
        this.inverse.add(p);
        return { text: `^<${inverse.value}>`, evaluate: (e, node) => e.graph.subjects(p, node) };
      }
      return { text: `^(${bracketed(inner)})`, evaluate: (e, node) => e.inverseOf(inner, node) };
    }
    const alternative = this.one(term, 'alternativePath');
    if (alternative) {
      const members = this.list(alternative).map((t) => this.path(t));
      return {
        text: `(${members.map(bracketed).join('|')})`,
        evaluate: (e, node) => distinct(members.flatMap((m) => m.evaluate(e, node))),
      };
    }
    for (const [predicate, suffix] of [['zeroOrMorePath', '*'], ['oneOrMorePath', '+'], ['zeroOrOnePath', '?']] as const) {
      const inner = this.one(term, predicate);
      if (!inner) continue;
      const step = this.path(inner);
      const text = `${grouped(step)}${suffix}`;
      if (suffix === '?') return { text, evaluate: (e, node) => distinct([node, ...step.evaluate(e, node)]) };
      return { text, evaluate: (e, node) => e.closure(step, node, suffix === '*') };
    }
    if (this.store.getObjects(term as N3.Term, N3.DataFactory.namedNode(RDF + 'first'), null).length) {
      const steps = this.list(term).map((t) => this.path(t));
      return {
        text: steps.map(grouped).join('/'),
        evaluate: (e, node) => {
          let current: readonly string[] = [node];
          for (const step of steps) current = distinct(current.flatMap((n) => step.evaluate(e, n)));
          return current;
        },
      };
    }
    throw new ShapesError(`unsupported property path ${key(term)}`);
  }

  private constraints(node: Term, shape: CompiledShape): Constraint[] {
    const quads = this.store.getQuads(node as N3.Term, null, null, null);
    const constraints: Constraint[] = [];
    const handled = new Set<string>();
    for (const q of quads) {
      if (!q.predicate.value.startsWith(SH)) continue;
      const name = q.predicate.value.slice(SH.length);
      if (REFUSED[name]) {
        if (this.ignoreUnknown) continue;
        throw new ShapesError(`${REFUSED[name]} (shape ${shape.id})`);
      }
      if (NON_CONSTRAINT.has(name)) continue;
      const components = COMPONENT_PARAMETERS.get(name);
      if (!components && this.ignoreUnknown) continue;
      if (!components) throw new ShapesError(`unknown SHACL term sh:${name} on shape ${shape.id}; engines would ignore it and the check would never run`);
      for (const component of components) {
        if (handled.has(component)) continue;
        handled.add(component);
        constraints.push(...this.component(component, node, shape));
      }
    }
    return constraints;
  }

  private component(name: string, node: Term, shape: CompiledShape): Constraint[] {
    const values = (param: string) => this.objects(node, param);
    const component = `${SH}${name}ConstraintComponent`;
    const isProperty = shape.path !== null;
    const make = (parameters: Record<string, string>, defaultMessage: string, run: Constraint['run']): Constraint => ({
      component,
      parameters,
      defaultMessage,
      run,
    });
    /** A check per value node; the failing value is reported. */
    const perValue = (parameters: Record<string, string>, defaultMessage: string, ok: (e: Evaluation, value: string, focus: string) => boolean) =>
      make(parameters, defaultMessage, (e, focus, vals, fail) => {
        for (const v of vals) if (!ok(e, v, focus)) fail(v);
      });
    const propertyOnly = (param: string) => {
      if (!isProperty) throw new ShapesError(`sh:${param} is only allowed on property shapes (shape ${shape.id})`);
    };

    switch (name) {
      case 'Class':
        return values('class').map((cls) => {
          const c = key(cls);
          return perValue({ class: display(cls) }, `Value does not have class ${display(cls)}`, (e, v) => e.isInstanceOf(v, c));
        });
      case 'Datatype':
        return values('datatype').map((dt) => {
          const datatype = dt.value;
          const lexicalOk = datatypeValidators.find(N3.DataFactory.namedNode(datatype)) ?? (() => true);
          return perValue({ datatype: display(dt) }, `Value does not have datatype ${display(dt)}`, (e, v) => {
            if (v.charCodeAt(0) !== 34) return false;
            const literal = e.literal(v);
            return literal.datatype === datatype && lexicalOk(literal.lexical);
          });
        });
      case 'NodeKind':
        return values('nodeKind').map((kind) => {
          const allowed = NODE_KINDS[kind.value.slice(SH.length)];
          if (!kind.value.startsWith(SH) || !allowed) throw new ShapesError(`unknown sh:nodeKind ${kind.value} (shape ${shape.id})`);
          return perValue({ nodeKind: display(kind) }, `Value does not have node kind ${display(kind)}`, (_e, v) => allowed.has(kindOf(v)));
        });
      case 'MinCount':
        propertyOnly('minCount');
        return values('minCount').map((n) => {
          const min = Number(n.value);
          return make({ minCount: n.value }, `Less than ${n.value} values`, (_e, _f, vals, fail) => {
            if (!(vals.length >= min)) fail(null);
          });
        });
      case 'MaxCount':
        propertyOnly('maxCount');
        return values('maxCount').map((n) => {
          const max = Number(n.value);
          return make({ maxCount: n.value }, `More than ${n.value} values`, (_e, _f, vals, fail) => {
            if (!(vals.length <= max)) fail(null);
          });
        });
      case 'MinExclusive':
      case 'MinInclusive':
      case 'MaxExclusive':
      case 'MaxInclusive': {
        const param = name[0]!.toLowerCase() + name.slice(1);
        const test = RANGE_TESTS[name]!;
        return values(param).map((bound) => {
          const b = dataKey(bound);
          return perValue({ [param]: display(bound) }, `${RANGE_MESSAGES[name]} ${display(bound)}`, (e, v) => {
            const c = e.compare(v, b);
            return c !== null && test(c);
          });
        });
      }
      case 'MinLength':
      case 'MaxLength': {
        const param = name === 'MinLength' ? 'minLength' : 'maxLength';
        return values(param).map((n) => {
          const limit = Number(n.value);
          const message = name === 'MinLength' ? `Value has less than ${n.value} characters` : `Value has more than ${n.value} characters`;
          return perValue({ [param]: n.value }, message, (e, v) => {
            if (v.charCodeAt(0) === 95) return false;
            const length = e.string(v).length;
            return name === 'MinLength' ? length >= limit : length <= limit;
          });
        });
      }
      case 'Pattern': {
        const flagsList = values('flags');
        const combos: [Term, Term | undefined][] = values('pattern').flatMap((p): [Term, Term | undefined][] =>
          flagsList.length ? flagsList.map((f): [Term, Term | undefined] => [p, f]) : [[p, undefined]],
        );
        return combos.map(([pattern, flags]) => {
          let re: RegExp;
          try {
            re = new RegExp(pattern.value, flags?.value);
          } catch (error) {
            throw new ShapesError(`invalid sh:pattern on shape ${shape.id}: ${(error as Error).message}`);
          }
          return perValue({ pattern: pattern.value, ...(flags ? { flags: flags.value } : {}) }, `Value does not match pattern "${pattern.value}"`, (e, v) => {
            if (v.charCodeAt(0) === 95) return false;
            re.lastIndex = 0;
            return re.test(e.string(v));
          });
        });
      }
      case 'LanguageIn':
        return values('languageIn').map((listHead) => {
          const languages = this.list(listHead).map((t) => t.value);
          return perValue({ languageIn: languages.join(', ') }, `Language does not match any of ${languages.join(', ')}`, (e, v) => {
            if (v.charCodeAt(0) !== 34) return false;
            const { language } = e.literal(v);
            // rdf-validate-shacl compares by prefix (not SPARQL langMatches); so do we, on lower-case tags.
            return language !== '' && languages.some((l) => language.startsWith(l.toLowerCase()));
          });
        });
      case 'UniqueLang':
        propertyOnly('uniqueLang');
        return values('uniqueLang').map((flag) => {
          const on = flag.termType === 'Literal' && flag.value === 'true' && flag.datatype.value === XSD_BOOLEAN;
          return make({ uniqueLang: flag.value }, 'Language used more than once', (e, _f, vals, fail) => {
            if (!on) return;
            const counts = new Map<string, number>();
            for (const v of vals) {
              if (v.charCodeAt(0) !== 34) continue;
              const { language } = e.literal(v);
              if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
            }
            for (const count of counts.values()) if (count > 1) fail(null);
          });
        });
      case 'Equals':
      case 'Disjoint':
      case 'LessThan':
      case 'LessThanOrEquals':
        return this.pairComponent(name, node, shape, make);
      case 'Not':
        return values('not').map((s) => {
          const other = this.shape(s);
          return perValue({ not: display(s) }, `Value does have shape ${display(s)}`, (e, v) => !e.conforms(v, other));
        });
      case 'And':
        return values('and').map((listHead) => {
          const members = this.list(listHead).map((t) => this.shape(t));
          return make({ and: display(listHead) }, 'Value does not conform to every shape of sh:and', (e, focus, vals, fail) => {
            for (const v of vals) {
              // rdf-validate-shacl checks the members of sh:and on a property shape against the focus node, with the
              // property shape's path; on a node shape against the value (the focus node itself).
              const ok = members.every((m) => (shape.path ? e.conformsAlong(focus, m, shape.path) : e.conforms(v, m)));
              if (!ok) fail(v);
            }
          });
        });
      case 'Or':
      case 'Xone':
        return values(name === 'Or' ? 'or' : 'xone').map((listHead) => {
          const members = this.list(listHead).map((t) => this.shape(t));
          const label = name === 'Or' ? 'sh:or' : 'sh:xone';
          const message = name === 'Or' ? 'Value does not conform to any shape of sh:or' : 'Value does not conform to exactly one shape of sh:xone';
          return perValue({ [name.toLowerCase()]: display(listHead) }, message, (e, v) =>
            label === 'sh:or' ? members.some((m) => e.conforms(v, m)) : members.filter((m) => e.conforms(v, m)).length === 1,
          );
        });
      case 'Node':
        return values('node').map((s) => {
          const other = this.shape(s);
          return perValue({ node: display(s) }, `Value does not have shape ${display(s)}`, (e, v) => e.conforms(v, other));
        });
      case 'Property':
        return values('property').map((s) => {
          const child = this.shape(s);
          return make({ property: display(s) }, '', (e, _focus, vals) => {
            for (const v of vals) e.validate(v, child);
          });
        });
      case 'QualifiedMinCount':
      case 'QualifiedMaxCount':
        return this.qualified(name, node, shape, make);
      case 'Closed':
        return values('closed').map((flag) => {
          const on = flag.termType === 'Literal' && flag.value === 'true' && flag.datatype.value === XSD_BOOLEAN;
          const allowed = new Set<string>();
          for (const property of this.objects(node, 'property')) {
            for (const p of this.objects(property, 'path')) if (p.termType === 'NamedNode') allowed.add(`<${p.value}>`);
          }
          for (const listHead of this.objects(node, 'ignoredProperties')) for (const p of this.list(listHead)) allowed.add(key(p));
          return make({ closed: flag.value }, 'Predicate is not allowed (closed shape)', (e, _focus, vals, fail) => {
            if (!on) return;
            for (const v of vals) {
              for (const [predicate, objects] of e.graph.out.get(v) ?? []) {
                if (allowed.has(predicate)) continue;
                const path = predicatePath(predicate);
                for (const o of objects) fail(o, path);
              }
            }
          });
        });
      case 'HasValue':
        return values('hasValue').map((expected) => {
          const wanted = dataKey(expected);
          if (isProperty) {
            return make({ hasValue: display(expected) }, `Missing expected value ${display(expected)}`, (e, _f, vals, fail) => {
              if (!vals.some((v) => e.canonical(v) === wanted)) fail(null);
            });
          }
          return make({ hasValue: display(expected) }, `Value must be ${display(expected)}`, (e, focus, _vals, fail) => {
            // rdf-validate-shacl reports this one without sh:value.
            if (e.canonical(focus) !== wanted) fail(null);
          });
        });
      case 'In':
        return values('in').map((listHead) => {
          const members = this.list(listHead);
          const allowed = new Set(members.map(dataKey));
          const shown = members.length > 3 ? `${members.slice(0, 3).map(display).join(', ')} ... (and ${members.length - 3} more)` : members.map(display).join(', ');
          return perValue({ in: shown }, `Value is not one of the allowed values: ${shown}`, (e, v) => allowed.has(e.canonical(v)));
        });
      default:
        throw new ShapesError(`no evaluator for ${component}`);
    }
  }

  private pairComponent(name: 'Equals' | 'Disjoint' | 'LessThan' | 'LessThanOrEquals', node: Term, shape: CompiledShape, make: MakeConstraint): Constraint[] {
    const param = name[0]!.toLowerCase() + name.slice(1);
    return this.objects(node, param).map((other) => {
      const p = key(other);
      const parameters = { [param]: display(other) };
      switch (name) {
        case 'Equals':
          return make(parameters, `Must have same values as ${display(other)}`, (e, focus, vals, fail) => {
            const theirs = e.graph.objects(focus, p);
            if (shape.path) {
              for (const v of vals) if (!theirs.includes(v)) fail(v);
              for (const t of theirs) if (!vals.includes(t)) fail(t);
            } else {
              // rdf-validate-shacl on a node shape: the values of the property must be the focus node itself.
              for (const t of theirs) if (t !== focus) fail(t);
              if (theirs.length === 0) fail(focus);
            }
          });
        case 'Disjoint':
          return make(parameters, `Value node must not also be one of the values of ${display(other)}`, (e, focus, vals, fail) => {
            const theirs = e.graph.objects(focus, p);
            for (const v of vals) if (theirs.includes(v)) fail(v);
          });
        default: {
          const strict = name === 'LessThan';
          if (!shape.path) throw new ShapesError(`sh:${param} is only allowed on property shapes (shape ${shape.id})`);
          const message = strict ? `Value is not less than value of ${display(other)}` : `Value is not less than or equal to value of ${display(other)}`;
          return make(parameters, message, (e, focus, vals, fail) => {
            const theirs = e.graph.objects(focus, p);
            for (const v of vals) {
              for (const t of theirs) {
                const c = e.compare(v, t);
                if (c === null || (strict ? c >= 0 : c > 0)) fail(v);
              }
            }
          });
        }
      }
    });
  }

  private qualified(name: 'QualifiedMinCount' | 'QualifiedMaxCount', node: Term, shape: CompiledShape, make: MakeConstraint): Constraint[] {
    const countParam = name === 'QualifiedMinCount' ? 'qualifiedMinCount' : 'qualifiedMaxCount';
    const counts = this.objects(node, countParam);
    if (!counts.length) return [];
    if (!shape.path) throw new ShapesError(`sh:${countParam} is only allowed on property shapes (shape ${shape.id})`);
    const disjoint = this.objects(node, 'qualifiedValueShapesDisjoint').some((t) => t.value === 'true');
    const result: Constraint[] = [];
    for (const qvs of this.objects(node, 'qualifiedValueShape')) {
      const qualifying = this.shape(qvs);
      // With sh:qualifiedValueShapesDisjoint, a value that also conforms to a sibling's qualified shape does not count.
      const siblings: CompiledShape[] = [];
      if (disjoint) {
        for (const parent of this.store.getSubjects(N3.DataFactory.namedNode(SH + 'property'), node as N3.Term, null)) {
          for (const sibling of this.objects(parent, 'property')) {
            for (const other of this.objects(sibling, 'qualifiedValueShape')) if (key(other) !== key(qvs)) siblings.push(this.shape(other));
          }
        }
      }
      for (const count of counts) {
        const limit = Number(count.value);
        const isLiteral = count.termType === 'Literal';
        const min = name === 'QualifiedMinCount';
        const message = min ? `Less than ${count.value} values have shape ${display(qvs)}` : `More than ${count.value} values have shape ${display(qvs)}`;
        result.push(
          make({ qualifiedValueShape: display(qvs), [countParam]: count.value }, message, (e, _focus, vals, fail) => {
            const n = vals.filter((v) => e.conforms(v, qualifying) && !siblings.some((s) => e.conforms(v, s))).length;
            const ok = isLiteral && (min ? n >= limit : n <= limit);
            if (!ok) fail(null);
          }),
        );
      }
    }
    return result;
  }
}

type MakeConstraint = (parameters: Record<string, string>, defaultMessage: string, run: Constraint['run']) => Constraint;

const NODE_KINDS: Record<string, Set<string>> = {
  IRI: new Set(['iri']),
  BlankNode: new Set(['blank']),
  Literal: new Set(['literal']),
  BlankNodeOrIRI: new Set(['blank', 'iri']),
  BlankNodeOrLiteral: new Set(['blank', 'literal']),
  IRIOrLiteral: new Set(['iri', 'literal']),
};

function kindOf(v: string): string {
  const c = v.charCodeAt(0);
  return c === 60 ? 'iri' : c === 95 ? 'blank' : 'literal';
}

const RANGE_TESTS: Record<string, (c: number) => boolean> = {
  MinExclusive: (c) => c > 0,
  MinInclusive: (c) => c >= 0,
  MaxExclusive: (c) => c < 0,
  MaxInclusive: (c) => c <= 0,
};
const RANGE_MESSAGES: Record<string, string> = {
  MinExclusive: 'Value is not greater than',
  MinInclusive: 'Value is not greater than or equal to',
  MaxExclusive: 'Value is not less than',
  MaxInclusive: 'Value is not less than or equal to',
};

function messagesOf(terms: Term[]): CompiledShape['messages'] {
  const messages: CompiledShape['messages'] = {};
  for (const t of terms) {
    if (t.termType !== 'Literal') continue;
    const lang = t.language.toLowerCase();
    if (lang === 'en' || lang.startsWith('en-')) messages.en ??= t.value;
    else if (lang === 'sv' || lang.startsWith('sv-')) messages.sv ??= t.value;
    else messages.other ??= t.value;
  }
  return messages;
}

/** Key of a shapes-graph term in the N-Triples spelling the data graph uses (for IRIs and blank nodes). */
function key(term: Term): string {
  if (term.termType === 'NamedNode') return `<${term.value}>`;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  return dataKey(term);
}

/** Canonical key, comparable with `canonicalKey()` of data terms. */
function dataKey(term: Term): string {
  if (term.termType === 'Literal') return literalKey(term.value, term.language, term.datatype.value);
  return canonicalKey(key(term));
}

function display(term: Term): string {
  return term.termType === 'NamedNode' ? `<${term.value}>` : term.termType === 'BlankNode' ? `Blank node ${term.value}` : term.value;
}

const predicatePaths = new Map<string, CompiledPath>();
function predicatePath(predicate: string): CompiledPath {
  let path = predicatePaths.get(predicate);
  if (!path) {
    const iri = predicate.slice(1, -1);
    path = { text: iri, evaluate: (e, node) => e.graph.objects(node, predicate) };
    predicatePaths.set(predicate, path);
  }
  return path;
}

function bracketed(path: CompiledPath): string {
  return path.text.includes('<') ? path.text : `<${path.text}>`;
}

function grouped(path: CompiledPath): string {
  const text = bracketed(path);
  return /^<[^>]*>$/.test(text) || /^\^<[^>]*>$/.test(text) ? text : `(${text})`;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
