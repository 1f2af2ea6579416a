import path from 'node:path';
import N3 from 'n3';
import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { methodNotAllowed, notFound } from '../http/errors.js';
import { negotiate } from '../http/negotiate.js';
import { chooseRepresentation } from '../http/representation.js';
import { packageRoot } from '../package-root.js';
import { serializeGraph } from '../rdf/serialize.js';
import { loadProfile } from './loaded-profile.js';
import { findProfile, PROFILES, type Profile } from './profiles.js';

export const PROFILES_PATH = '/profiles';

/** What /profiles says of a profile: files as paths in the project, so a reader can find them in the repository. */
function describeProfile(profile: Profile, baseUrl: string) {
  const relative = (file: string) => path.relative(packageRoot(), file).split(path.sep).join('/');
  return {
    id: profile.id,
    title: profile.title,
    version: profile.version,
    base: profile.base ?? null,
    description: profile.description ?? null,
    /** The stack, base first: every layer's shapes are checked. */
    layers: profile.layers,
    files: {
      shapes: profile.layerShapeFiles.map(relative),
      background: profile.backgroundFiles.map(relative),
    },
    shapes: `${baseUrl}${PROFILES_PATH}/${profile.id}/shapes`,
  };
}

/** GET /profiles: every validation profile with its base, layers and files. */
export function profilesEndpoint(ctx: AppContext) {
  const body = `${JSON.stringify(PROFILES.map((p) => describeProfile(p, ctx.config.baseUrl)), null, 2)}\n`;
  return (req: Request, res: Response): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method, ['GET', 'HEAD']);
    negotiate(req.headers, ['application/json']);
    res.status(200).type('application/json; charset=utf-8').send(body);
  };
}

/** GET /profiles/{id}: one profile, as in the list. */
export function profileEndpoint(ctx: AppContext) {
  return (req: Request, res: Response): void => {
    const profile = requireKnown(String(req.params.id));
    negotiate(req.headers, ['application/json']);
    res.status(200).json(describeProfile(profile, ctx.config.baseUrl));
  };
}

/**
 * GET /profiles/{id}/shapes: the shapes the profile validates with, every layer merged into one graph (what the
 * validator loads), in any RDF syntax the server writes. Shape files change only with a release, so each
 * document is made once.
 */
export function profileShapesEndpoint(ctx: AppContext) {
  const documents = new Map<string, Promise<string>>();
  return async (req: Request, res: Response): Promise<void> => {
    const profile = requireKnown(String(req.params.id));
    const suffix = typeof req.params.ext === 'string' ? req.params.ext : undefined;
    const chosen = chooseRepresentation(req, res, { suffix, alternate: (ext) => `${ctx.config.baseUrl}${PROFILES_PATH}/${profile.id}/shapes.${ext}` });
    if (chosen.kind !== 'rdf') throw new Error(`no ${chosen.mediaType} view of shapes`);
    const key = `${profile.id} ${chosen.extension}`;
    if (!documents.has(key)) {
      const ntriples = new N3.Writer({ format: 'N-Triples' }).quadsToString(loadProfile(profile.id).shapeQuads);
      documents.set(key, serializeGraph(ntriples, chosen.format));
    }
    res.status(200).type(`${chosen.mediaType}; charset=utf-8`).send(await documents.get(key)!);
  };
}

function requireKnown(id: string): Profile {
  const profile = findProfile(id);
  if (!profile) throw notFound(`There is no validation profile "${id}"; the profiles are ${PROFILES.map((p) => p.id).join(', ')}`);
  return profile;
}
