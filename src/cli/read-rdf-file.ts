import fs from 'node:fs';
import path from 'node:path';
import { formatByExtension } from '../rdf/formats.js';
import { parseToNTriples } from '../rdf/parse.js';
import { UsageError } from './usage.js';

/** Read an RDF file (syntax from its extension) as N-Triples, or throw a UsageError saying why it cannot be read. */
export async function readRdfFile(file: string, baseIri: string): Promise<{ ntriples: string; quads: number }> {
  const extension = path.extname(file).slice(1).toLowerCase();
  const format = formatByExtension(extension);
  if (!format) throw new UsageError(`cannot tell the syntax of ${file}: use .ttl, .nt, .rdf, .xml or .jsonld`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const outcome = await parseToNTriples({ bytes, mediaType: format.mediaType, baseIri });
  if (!outcome.ok) {
    const where = outcome.line ? `:${outcome.line}${outcome.column ? `:${outcome.column}` : ''}` : '';
    throw new UsageError(`${file}${where}: ${outcome.message}`);
  }
  return outcome;
}
