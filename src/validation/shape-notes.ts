import { RDFS, SH } from '../rdf/vocabulary.js';
import type { LangValues } from '../search/dataset-summary.js';
import { loadProfile } from './loaded-profile.js';

/** What a report shows of a shape besides its message: the property's name (sh:name per language) and the spec link. */
export interface ShapeNote {
  name: LangValues;
  /** rdfs:seeAlso: the specification's anchor for the property, where it has one. */
  seeAlso?: string;
}

const notes = new Map<string, Map<string, ShapeNote>>();

/**
 * The notes of every IRI-named shape of a profile, read once from the shapes the profile loads (the same parse the
 * validator compiles). Results travel from the worker threads without them: a report names the shape, and this
 * table, built once per process, gives its name and link.
 */
export function shapeNotes(profileId: string): Map<string, ShapeNote> {
  let table = notes.get(profileId);
  if (table) return table;
  table = new Map();
  const note = (shape: string) => {
    let found = table!.get(shape);
    if (!found) table!.set(shape, (found = { name: {} }));
    return found;
  };
  for (const quad of loadProfile(profileId).shapeQuads) {
    if (quad.subject.termType !== 'NamedNode') continue;
    if (quad.predicate.value === `${SH}name` && quad.object.termType === 'Literal') {
      note(quad.subject.value).name[quad.object.language.toLowerCase()] = quad.object.value;
    } else if (quad.predicate.value === `${RDFS}seeAlso` && quad.object.termType === 'NamedNode') {
      note(quad.subject.value).seeAlso ??= quad.object.value;
    }
  }
  notes.set(profileId, table);
  return table;
}
