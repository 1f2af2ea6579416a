import crypto from 'node:crypto';
import { lines, splitTripleLine } from '../../rdf/ntriples-lines.js';
import { XSD_STRING } from '../../rdf/vocabulary.js';
import { ANY_TYPED, type Normalizer } from '../literal-originals.js';
import { SCRATCH_PREFIX, iriTerm } from './graph-names.js';
import type { RemoteProtocol } from './remote-protocol.js';

const TYPED = ANY_TYPED;
const VALUE = `<${SCRATCH_PREFIX}value>`;

/**
 * What Virtuoso makes of each typed literal of a text (measured on 7.2.5: "P1Y2M"^^xsd:duration comes back as
 * "14", "PT1H" as "3600.0", "1.0E0"^^xsd:double as "1.0", "01"^^xsd:integer as "1", "1"^^xsd:boolean as "true"),
 * found by writing them to a scratch graph, one subject each, and reading them back the way documents are read.
 * The answer is a Normalizer for LiteralOriginals, which then keeps what the store rewrote.
 */
export async function learnStoredForms(protocol: RemoteProtocol, ntriples: string, known: StoredForms): Promise<Normalizer> {
  const literals = typedLiterals(ntriples).filter((literal) => !known.has(literal));
  const stored = new Map<string, string>();
  if (literals.length) {
    const scratch = `${SCRATCH_PREFIX}${crypto.randomUUID()}`;
    const subject = (i: number) => `<${scratch}/${i}>`;
    try {
      await protocol.writeGraph('PUT', scratch, literals.map((literal, i) => `${subject(i)} ${VALUE} ${literal} .\n`).join(''));
      const back = await protocol.readGraph(scratch);
      const bySubject = new Map<string, string>();
      for (const line of lines(back)) {
        const triple = splitTripleLine(line);
        if (triple) bySubject.set(triple.subject, triple.object);
      }
      literals.forEach((literal, i) => stored.set(literal, bySubject.get(subject(i)) ?? literal));
    } finally {
      await protocol.update(`DROP SILENT GRAPH ${iriTerm(scratch)}`).catch(() => undefined);
    }
    for (const [literal, form] of stored) known.set(literal, form);
  }
  return (list) => list.map((literal) => stored.get(literal) ?? known.get(literal) ?? literal);
}

/**
 * Stored forms already learnt, so a re-publication (mostly the same literals) writes none of them to the scratch
 * graph again: learning 10,000 new literals took 8–23 s on this machine's Virtuoso. Bounded; the oldest go first.
 */
export class StoredForms {
  private readonly forms = new Map<string, string>();

  constructor(private readonly limit = 200_000) {}

  has(literal: string): boolean {
    return this.forms.has(literal);
  }

  get(literal: string): string | undefined {
    return this.forms.get(literal);
  }

  set(literal: string, form: string): void {
    this.forms.delete(literal);
    this.forms.set(literal, form);
    if (this.forms.size > this.limit) this.forms.delete(this.forms.keys().next().value!);
  }
}

/** The distinct typed literals other than xsd:string (what the backend's LiteralOriginals looks at). */
function typedLiterals(ntriples: string): string[] {
  const found = new Set<string>();
  for (let at = ntriples.indexOf(TYPED); at >= 0; ) {
    const start = ntriples.lastIndexOf('\n', at) + 1;
    let end = ntriples.indexOf('\n', at);
    if (end < 0) end = ntriples.length;
    at = ntriples.indexOf(TYPED, end);
    const object = splitTripleLine(ntriples.slice(start, end))?.object;
    if (object && object.startsWith('"') && object.endsWith('>') && !object.endsWith(`<${XSD_STRING}>`)) found.add(object);
  }
  return [...found];
}
