import express, { type RequestHandler } from 'express';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import { ASSETS_DIR } from './render.js';

/** Pages ask for assets with a content fingerprint (`?v=`), so a year is safe: a new file gets a new URL. */
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * The portal's static files, to be mounted at `/assets`. Only the files of src/portal/assets are served; no index
 * pages, no dotfiles, and unknown names fall through to the app's 404.
 */
export function portalAssets(root = packageRoot()): RequestHandler {
  return express.static(path.join(root, ASSETS_DIR), {
    maxAge: ONE_YEAR_MS,
    immutable: true,
    index: false,
    dotfiles: 'ignore',
    redirect: false,
    fallthrough: true,
  });
}
