import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response } from 'express';
import { Eta } from 'eta';
import { badRequest } from './errors.js';

/**
 * The package root: the nearest folder above this module whose package.json is ours. Templates and browser scripts
 * are read from `src/` there, because tsc copies only what it compiles (src/ under ts-node, dist/src/ built).
 */
export const PACKAGE_ROOT = findPackageRoot();

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'dataportal-vast') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the dataportal-vast package root above this module');
    dir = parent;
  }
}

/** Eta escapes every `<%= %>` by default; the templates of one folder, compiled once. */
export function templates(folder: string): Eta {
  return new Eta({ views: path.join(PACKAGE_ROOT, folder), cache: true, autoEscape: true, autoTrim: false });
}

export type PageLanguage = 'sv' | 'en';

/**
 * `?lang=sv|en` (a region subtag such as `sv-SE` is accepted), else the first of sv/en in Accept-Language, else
 * Swedish. Any other `lang` is a 400: an integrator passing `lang=de` should see the mistake, not a silent fallback.
 */
export function pageLanguage(req: Request, query: URLSearchParams): PageLanguage {
  const asked = query.get('lang');
  if (asked !== null) {
    const primary = asked.trim().toLowerCase().split('-')[0];
    if (primary === 'sv' || primary === 'en') return primary;
    throw badRequest(`"lang" must be "sv" or "en", got "${asked}"`);
  }
  for (const entry of (req.headers['accept-language'] ?? '').split(',')) {
    const [tag, ...params] = entry.trim().toLowerCase().split(';');
    if (params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p))) continue;
    const primary = tag?.split('-')[0];
    if (primary === 'sv' || primary === 'en') return primary;
  }
  return 'sv';
}

/** A fresh nonce per response, for the one inline `<style>` a page may carry under its CSP. */
export function cspNonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

export function sendHtml(res: Response, html: string, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.type('text/html; charset=utf-8').send(html);
}

/** The query string as URLSearchParams: the app's 'simple' parser would turn repeated keys into arrays. */
export function searchParams(req: Request): URLSearchParams {
  return new URL(req.originalUrl, 'http://x').searchParams;
}
