import crypto from 'node:crypto';
import path from 'node:path';
import type { Request, Response } from 'express';
import { Eta } from 'eta';
import { badRequest } from './errors.js';
import { packageRoot } from '../package-root.js';
import { chooseLanguage, isLang } from '../portal/language.js';
import type { Lang } from '../portal/messages.js';

/** Templates and browser scripts are read from `src/` under the package root: tsc copies only what it compiles. */
export const PACKAGE_ROOT = packageRoot();

/** Eta escapes every `<%= %>` by default; the templates of one folder, compiled once. */
export function templates(folder: string): Eta {
  return new Eta({ views: path.join(PACKAGE_ROOT, folder), cache: true, autoEscape: true, autoTrim: false });
}

export type PageLanguage = Lang;

/**
 * The portal's language choice (`?lang=`, else Accept-Language, else Swedish), except that an unknown `?lang=` is a
 * 400 here: an integrator passing `lang=de` to the widget should see the mistake, not a silent fallback. A region
 * subtag (`sv-SE`) is accepted.
 */
export function pageLanguage(req: Request, query: URLSearchParams): PageLanguage {
  const asked = query.get('lang');
  if (asked === null) return chooseLanguage({ headers: req.headers });
  const primary = asked.trim().toLowerCase().split('-')[0];
  if (isLang(primary)) return primary;
  throw badRequest(`"lang" must be "sv" or "en", got "${asked}"`);
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
