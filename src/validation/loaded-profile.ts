import crypto from 'node:crypto';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import N3 from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { literalKey } from './ntriples-graph.js';
import { findProfile, UnknownProfileError, type Profile } from './profiles.js';
import { compileShapes, ShapesError, type CompiledShapes } from './shapes-compiler.js';

/** A profile ready to validate with: shapes compiled, background triples in N-Triples spelling. */
export interface LoadedProfile {
  profile: Profile;
  compiled: CompiledShapes;
  /** Background ontology as [s, p, o] keys, merged into every data graph. */
  background: [string, string, string][];
  /** Hash of the profile's id and files: part of the shared digest, so new shapes revalidate everything. */
  fingerprint: string;
  /** The parsed shapes, for the reference engine. */
  shapeQuads: Quad[];
  backgroundQuads: Quad[];
}

const cache = new Map<string, LoadedProfile>();

/** Load and compile a profile once per thread. Throws UnknownProfileError or ShapesError. */
export function loadProfile(id: string): LoadedProfile {
  const cached = cache.get(id);
  if (cached) return cached;
  const profile = findProfile(id);
  if (!profile) throw new UnknownProfileError(id);
  const hash = crypto.createHash('sha256').update(`${profile.id}\n`);
  const read = (file: string) => {
    const text = fs.readFileSync(file, 'utf8');
    hash.update(`${file.slice(file.lastIndexOf('/') + 1)}\n${text}\n`);
    try {
      // One parser per file: blank-node labels of different files never meet.
      return new N3.Parser({ baseIRI: pathToFileURL(file).href }).parse(text) as Quad[];
    } catch (error) {
      throw new ShapesError(`profile ${id}: cannot parse ${file}: ${(error as Error).message}`);
    }
  };
  const shapeQuads = profile.shapeFiles.flatMap(read);
  const backgroundQuads = profile.backgroundFiles.flatMap(read);
  let compiled: CompiledShapes;
  try {
    compiled = compileShapes(shapeQuads);
  } catch (error) {
    if (error instanceof ShapesError) throw new ShapesError(`profile ${id}: ${error.message}`);
    throw error;
  }
  const loaded: LoadedProfile = {
    profile,
    compiled,
    background: backgroundQuads.map((q) => [termKey(q.subject, 'bg'), termKey(q.predicate, 'bg'), termKey(q.object, 'bg')]),
    fingerprint: hash.digest('hex'),
    shapeQuads,
    backgroundQuads,
  };
  cache.set(id, loaded);
  return loaded;
}

/** N-Triples spelling of a parsed term; blank nodes get a prefix that data labels from our parser never have. */
export function termKey(term: Term, blankPrefix: string): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'BlankNode':
      return `_:${blankPrefix}-${term.value}`;
    case 'Literal':
      return literalKey(term.value, term.language, term.datatype.value);
    default:
      throw new Error(`unexpected ${term.termType} in a background ontology`);
  }
}
