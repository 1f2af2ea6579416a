import fs from 'node:fs';
import path from 'node:path';
import { formatByExtension } from '../rdf/formats.js';
import { parseToNTriples, type ParseOutcome } from '../rdf/parse.js';
import type { InputLimits } from '../rdf/input-limits/check-input.js';
import { UsageError } from './usage.js';

/**
 * Read an RDF file (syntax from its extension) as N-Triples, or throw a UsageError saying why it cannot be read. The
 * input limits apply as they do to a body sent over HTTP: the CLI parses in its own process.
 */
export async function readRdfFile(file: string, baseIri: string, limits: InputLimits): Promise<{ ntriples: string; quads: number }> {
  const extension = path.extname(file).slice(1).toLowerCase();
  const format = formatByExtension(extension);
  if (!format) throw new UsageError(`cannot tell the syntax of ${file}: use .ttl, .nt, .rdf, .xml or .jsonld`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let outcome: ParseOutcome;
  try {
    outcome = await parseToNTriples({ bytes, mediaType: format.mediaType, baseIri, maxTriples: limits.triples, inputLimits: limits });
  } catch (error) {
    throw new UsageError(`${file}: the parser failed on this input: ${(error as Error).message}`);
  }
  // A refusal by an input limit says where itself.
  if (!outcome.ok && outcome.refused) throw new UsageError(`${file}: ${outcome.message}`);
  if (!outcome.ok) {
    const where = outcome.line ? `:${outcome.line}${outcome.column ? `:${outcome.column}` : ''}` : '';
    throw new UsageError(`${file}${where}: ${outcome.message}`);
  }
  return outcome;
}
