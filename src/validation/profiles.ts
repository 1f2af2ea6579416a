import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Validation profiles. A profile is an ordered stack of layers (ckanext-dcat style: base → national → domain); each
 * layer adds shape files and background files, and the profile validates with the union of its stack, read into
 * one shapes graph. A layer can switch off a base rule by stating `<base shape> sh:deactivated true` in its own file.
 * `shapeFiles` and `backgroundFiles` are the complete lists, base first, so nothing downstream needs to know about
 * layering.
 */
export interface Profile {
  id: string;
  title: string;
  version: string;
  /** Absolute paths of every shape file, base layers first. */
  shapeFiles: string[];
  /** Absolute paths of ontology files merged into a copy of the data graph (sh:class and sh:targetClass read them). */
  backgroundFiles: string[];
  /** Profile ids of the stack, base first, ending with this profile's id. */
  layers: string[];
}

/** The repository root (this file is src/validation/profiles.ts, compiled to dist/src/validation/profiles.js). */
export const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

function shapesIn(folder: string): string[] {
  const dir = path.join(PROJECT_ROOT, 'shapes', folder);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ttl'))
    .sort()
    .map((f) => path.join(dir, f));
}

const ontology = (file: string) => path.join(PROJECT_ROOT, 'ontologies', file);

function base(profile: Omit<Profile, 'layers'>): Profile {
  return { ...profile, layers: [profile.id] };
}

/** A profile on top of another: the base's files first, then this layer's. */
export function layer(under: Profile, profile: Omit<Profile, 'layers'>): Profile {
  return {
    ...profile,
    shapeFiles: [...under.shapeFiles, ...profile.shapeFiles],
    backgroundFiles: [...new Set([...under.backgroundFiles, ...profile.backgroundFiles])],
    layers: [...under.layers, profile.id],
  };
}

const DCAT_AP_3 = base({
  id: 'dcat-ap-3',
  title: 'DCAT-AP 3.0.1',
  version: '3.0.1',
  shapeFiles: shapesIn('dcat-ap-3'),
  backgroundFiles: [ontology('dcat-ap-background.ttl')],
});

// Next layers, when their shapes exist:
//   layer(DCAT_AP_3, { id: 'dcat-ap-se', title: 'DCAT-AP-SE 3.0.1', version: '3.0.1', shapeFiles: shapesIn('dcat-ap-se'), backgroundFiles: [] })
//   layer(DCAT_AP_3, { id: 'geodcat-ap', … }), layer(DCAT_AP_3, { id: 'statdcat-ap', … })

export const PROFILES: readonly Profile[] = Object.freeze([DCAT_AP_3]);

export function findProfile(id: string): Profile | undefined {
  return PROFILES.find((p) => p.id === id);
}

export class UnknownProfileError extends Error {
  constructor(readonly id: string) {
    super(`Unknown validation profile "${id}"; known profiles: ${PROFILES.map((p) => p.id).join(', ')}`);
  }
}

/** For configuration read at start-up: an unknown id is an error there, not at the first write. */
export function requireProfile(id: string): Profile {
  const profile = findProfile(id);
  if (!profile) throw new UnknownProfileError(id);
  return profile;
}

/** Start-up check of the list itself: unique ids, every file present. Throws with every problem found. */
export function checkProfiles(profiles: readonly Profile[] = PROFILES): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const p of profiles) {
    if (ids.has(p.id)) problems.push(`duplicate profile id ${p.id}`);
    ids.add(p.id);
    if (p.shapeFiles.length === 0) problems.push(`profile ${p.id} has no shape files`);
    for (const f of [...p.shapeFiles, ...p.backgroundFiles]) if (!fs.existsSync(f)) problems.push(`profile ${p.id}: missing file ${f}`);
    for (const l of p.layers.slice(0, -1)) if (!profiles.some((q) => q.id === l)) problems.push(`profile ${p.id} builds on unknown profile ${l}`);
  }
  if (problems.length) throw new Error(`Validation profiles are broken:\n  ${problems.join('\n  ')}`);
}
