import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';

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
  /** The profile this one extends, if any. */
  base?: string;
  description?: string;
  /** This layer's own shape files (`shapeFiles` holds the whole stack's). */
  layerShapeFiles: string[];
}

const PROJECT_ROOT = packageRoot();

/**
 * What a profile folder declares about itself in `shapes/{id}/profile.json`; every `.ttl` file beside it is a shape
 * file of the layer. Adding a profile is adding a folder: nothing here names one.
 */
interface ProfileManifest {
  title: string;
  version: string;
  /** The profile this one extends (its files come first), or absent for a base profile. */
  base?: string;
  /** Background files under `ontologies/` this layer adds. */
  background?: string[];
  /** A short description for /profiles and the README table. */
  description?: string;
}

const SHAPES_DIR = path.join(PROJECT_ROOT, 'shapes');

function shapesIn(shapesDir: string, folder: string): string[] {
  const dir = path.join(shapesDir, folder);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ttl'))
    .sort()
    .map((f) => path.join(dir, f));
}

const ontology = (file: string) => path.join(PROJECT_ROOT, 'ontologies', file);

function readManifest(shapesDir: string, id: string): ProfileManifest {
  const file = path.join(shapesDir, id, 'profile.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ProfileManifest>;
  if (typeof manifest.title !== 'string' || typeof manifest.version !== 'string') throw new Error(`${file}: "title" and "version" are required strings`);
  if (manifest.base !== undefined && typeof manifest.base !== 'string') throw new Error(`${file}: "base" must be a profile id`);
  if (manifest.background !== undefined && !(Array.isArray(manifest.background) && manifest.background.every((b) => typeof b === 'string'))) {
    throw new Error(`${file}: "background" must be a list of file names under ontologies/`);
  }
  return manifest as ProfileManifest;
}

/** A profile on top of another: the base's files first, then this layer's. */
export function layer(under: Profile | undefined, profile: Omit<Profile, 'layers' | 'base'>): Profile {
  if (!under) return { ...profile, layers: [profile.id] };
  return {
    ...profile,
    base: under.id,
    shapeFiles: [...under.shapeFiles, ...profile.shapeFiles],
    backgroundFiles: [...new Set([...under.backgroundFiles, ...profile.backgroundFiles])],
    layers: [...under.layers, profile.id],
  };
}

/** Every folder of `shapes/` with a profile.json, each stacked on its base; bases are read first whatever their names. */
export function loadProfiles(shapesDir = SHAPES_DIR): Profile[] {
  const ids = fs
    .readdirSync(shapesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(shapesDir, entry.name, 'profile.json')))
    .map((entry) => entry.name)
    .sort();
  const manifests = new Map(ids.map((id) => [id, readManifest(shapesDir, id)]));
  const loaded = new Map<string, Profile>();
  const load = (id: string, path: string[]): Profile => {
    const done = loaded.get(id);
    if (done) return done;
    const manifest = manifests.get(id);
    if (!manifest) throw new Error(`Validation profile ${path.at(-1)} builds on unknown profile ${id}`);
    if (path.includes(id)) throw new Error(`Validation profiles build on each other in a circle: ${[...path, id].join(' → ')}`);
    const under = manifest.base === undefined ? undefined : load(manifest.base, [...path, id]);
    const profile = layer(under, {
      id,
      title: manifest.title,
      version: manifest.version,
      description: manifest.description,
      shapeFiles: shapesIn(shapesDir, id),
      backgroundFiles: (manifest.background ?? []).map(ontology),
      layerShapeFiles: shapesIn(shapesDir, id),
    });
    loaded.set(id, profile);
    return profile;
  };
  return ids.map((id) => load(id, []));
}

export const PROFILES: readonly Profile[] = Object.freeze(loadProfiles());

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
