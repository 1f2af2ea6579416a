import N3 from 'n3';
import jsonld from 'jsonld';
import type { Quad } from '@rdfjs/types';
import { JSONLD, NTRIPLES, PREFIXES, RDFXML, TURTLE, type RdfFormat } from './formats.js';
import { writeRdfXml } from './rdfxml-writer.js';
import { writeTurtleFromLines } from './turtle-writer.js';

/**
 * Write one graph, given as N-Triples, in a document format. Lines are sorted first so the same graph always
 * gives the same document (harvesters compare, caches validate); blank node labels are whatever the input had.
 */
export async function serializeGraph(ntriples: string, format: RdfFormat): Promise<string> {
  const sorted = sortedLines(ntriples);
  if (format === NTRIPLES) return sorted;
  if (format === JSONLD) return serializeJsonLd(sorted);
  if (format === TURTLE) return writeTurtleFromLines(sorted.split('\n').slice(0, -1), PREFIXES);
  const quads = new N3.Parser({ format: 'N-Triples' }).parse(sorted) as Quad[];
  const prefixes = usedPrefixes(quads);
  if (format === RDFXML) return writeRdfXml(quads, prefixes);
  throw new Error(`no serialiser for ${format.mediaType}`);
}

/** Sorted and without repeated lines: a document assembled from parts may state a triple twice. */
export function sortedLines(ntriples: string): string {
  const list = ntriples.split('\n').filter((line) => line.length > 0);
  list.sort();
  const unique = list.filter((line, i) => i === 0 || line !== list[i - 1]);
  return unique.length ? `${unique.join('\n')}\n` : '';
}

async function serializeJsonLd(ntriples: string): Promise<string> {
  const expanded = await jsonld.fromRDF(ntriples, { format: 'application/n-quads', useNativeTypes: false });
  const context = usedPrefixesOfJson(ntriples);
  const compacted = await jsonld.compact(expanded, context, { documentLoader: refuseRemote });
  return `${JSON.stringify(compacted, null, 2)}\n`;
}

/** Output never needs a remote document; refusing keeps a serialiser from ever reaching the network. */
async function refuseRemote(url: string): Promise<never> {
  throw new Error(`refusing to load remote JSON-LD document ${url}`);
}

function usedPrefixes(quads: Quad[]): Record<string, string> {
  const seen = new Set<string>();
  for (const quad of quads) {
    for (const term of [quad.subject, quad.predicate, quad.object]) {
      if (term.termType === 'NamedNode') seen.add(term.value);
      if (term.termType === 'Literal') seen.add(term.datatype.value);
    }
  }
  const used: Record<string, string> = {};
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    for (const iri of seen) {
      if (iri.startsWith(ns)) {
        used[prefix] = ns;
        break;
      }
    }
  }
  return used;
}

function usedPrefixesOfJson(ntriples: string): Record<string, string> {
  const used: Record<string, string> = {};
  for (const [prefix, ns] of Object.entries(PREFIXES)) if (ntriples.includes(`<${ns}`)) used[prefix] = ns;
  return used;
}
