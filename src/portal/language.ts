import Negotiator from 'negotiator';
import type { IncomingHttpHeaders } from 'node:http';
import type { LangValues } from '../search/dataset-summary.js';
import { LANGS, type Lang } from './messages.js';

/** What chooseLanguage reads of a request (an express Request fits). */
export interface LanguageRequest {
  query?: unknown;
  headers: IncomingHttpHeaders;
}

/**
 * The page language: a valid `?lang=` wins (the visible switch must beat the browser's setting), else the best of
 * Accept-Language, else Swedish, the region's language. An unknown `?lang=` is ignored, not an error, because links
 * carrying it are shared.
 */
export function chooseLanguage(req: LanguageRequest): Lang {
  const requested = queryLang(req.query);
  if (requested) return requested;
  const header = req.headers['accept-language'];
  if (header) {
    const best = new Negotiator({ headers: { 'accept-language': header } }).language([...LANGS]);
    if (best && isLang(best)) return best;
  }
  return 'sv';
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

function queryLang(query: unknown): Lang | undefined {
  if (typeof query !== 'object' || query === null) return undefined;
  const value = (query as Record<string, unknown>).lang;
  const first = Array.isArray(value) ? value[0] : value;
  return isLang(first) ? first : undefined;
}

/**
 * Text in one language as shown on a page. `lang` is set only when the text is in another language than the page,
 * so templates mark exactly the passages a screen reader must read with another voice (WCAG 3.1.2).
 */
export interface LocalText {
  text: string;
  lang?: string;
}

/**
 * The best text for a page language: that language (or a regional variant of it), then untagged text (assumed to
 * be the page's), then Swedish, then English, then whatever there is.
 */
export function pickText(values: LangValues | undefined, lang: Lang): LocalText | undefined {
  if (!values) return undefined;
  const entries = Object.entries(values).filter(([, text]) => text.trim() !== '');
  if (entries.length === 0) return undefined;
  const primary = (tag: string) => tag.toLowerCase().split('-')[0];
  const find = (want: string) => entries.find(([tag]) => primary(tag) === want);
  const chosen = find(lang) ?? entries.find(([tag]) => tag === '') ?? find('sv') ?? find('en') ?? entries[0]!;
  return localText(chosen[1], chosen[0], lang);
}

/** A text known to be in `textLang` ('' when untagged), as shown on a `pageLang` page. */
export function localText(text: string, textLang: string, pageLang: Lang): LocalText {
  const tag = textLang.toLowerCase();
  if (tag === '' || tag.split('-')[0] === pageLang) return { text };
  return { text, lang: textLang };
}
