import { splitTripleLine } from './ntriples-lines.js';
import { fingerprint } from './fingerprint.js';

/**
 * Parsers name the blank nodes of Turtle's `[ ]`, RDF/XML and JSON-LD afresh on every parse, so the same catalog
 * sent twice would differ in every line with a blank node, and a re-PUT would look like a change to every contact
 * point and period. Each blank node is renamed after what it is instead: where it hangs (the term and predicate
 * pointing at it) and its own triples. An unchanged blank node then keeps its label from one submission to the
 * next. Labels stay unique within the document: a second node that would get a label already given (identical twins,
 * or a hash collision) gets it with a counter, in document order.
 *
 * `lines` are N-Triples triples without the final " ." (as Oxigraph's Quad.toString() gives them), renamed in place.
 */
export function stableBlankLabels(lines: string[]): void {
  const nodes = new Map<string, BlankNode>();
  const node = (label: string) => {
    let found = nodes.get(label);
    if (!found) nodes.set(label, (found = { own: [], incoming: [], label: undefined }));
    return found;
  };
  const at: { index: number; subject: string; predicate: string; object: string }[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (!line.startsWith('_:') && !line.includes(' _:')) continue;
    const triple = splitTripleLine(line);
    if (!triple) continue;
    const { subject, predicate, object } = triple;
    const blankSubject = subject.startsWith('_:');
    const blankObject = object.startsWith('_:');
    if (!blankSubject && !blankObject) continue; // " _:" inside a literal
    at.push({ index, subject, predicate, object });
    if (blankSubject) node(subject).own.push(`${predicate} ${blankObject ? '_:z' : object}`);
    if (blankObject) node(object).incoming.push({ from: subject, predicate });
  }
  if (nodes.size === 0) return;

  const given = new Map<string, number>();
  const unique = (label: string) => {
    const times = given.get(label) ?? 0;
    given.set(label, times + 1);
    return times === 0 ? label : `${label}_${times}`;
  };
  const labelOf = (name: string, trail: Set<string>): string => {
    const blank = nodes.get(name)!;
    if (blank.label !== undefined) return blank.label;
    const own = fingerprint(blank.own.sort().join('\n'));
    const parent = blank.incoming.length === 1 ? blank.incoming[0]! : undefined;
    let place: string;
    if (parent && !trail.has(name)) {
      trail.add(name);
      const from = parent.from.startsWith('_:') ? `_:${labelOf(parent.from, trail)}` : parent.from;
      place = `${from} ${parent.predicate}`;
    } else {
      // Not in a tree (shared, unreferenced or in a cycle): named by its own triples and what points at it.
      place = `~${blank.incoming.map((i) => `${i.from.startsWith('_:') ? '_:z' : i.from} ${i.predicate}`).sort().join('\n')}`;
    }
    blank.label = blank.label ?? unique(`b${fingerprint(`${place}\n${own}`)}`);
    return blank.label;
  };
  // Document order decides which twin gets the counter, so an unchanged document gets the same labels.
  for (const { subject, object } of at) {
    if (subject.startsWith('_:')) labelOf(subject, new Set());
    if (object.startsWith('_:')) labelOf(object, new Set());
  }
  for (const { index, subject, predicate, object } of at) {
    const s = subject.startsWith('_:') ? `_:${nodes.get(subject)!.label}` : subject;
    const o = object.startsWith('_:') ? `_:${nodes.get(object)!.label}` : object;
    lines[index] = `${s} ${predicate} ${o}`;
  }
}

interface BlankNode {
  /** "predicate object" of its own triples, other blank nodes as _:z. */
  own: string[];
  incoming: { from: string; predicate: string }[];
  label: string | undefined;
}
