import { stemmer as swedishStem } from '@orama/stemmers/swedish';
import { stemmer as englishStem } from '@orama/stemmers/english';

/**
 * Lower case without accents, except that å, ä and ö stay letters of their own (in Swedish "mal" and "mål" are
 * different words). Danish and Norwegian æ and ø are the same letters as ä and ö, so they fold onto them.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/([ao])([\u030a\u0308])|[\u0300-\u036f]/g, (_, base: string | undefined, mark: string | undefined) => (base ? base + mark : ''))
    .normalize('NFC')
    .replace(/æ/g, 'ä')
    .replace(/ø/g, 'ö');
}

/** Runs of letters and digits; everything else separates words ("CSV-fil", "skola/förskola"). */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
}

export type TextLanguage = 'sv' | 'en';

/** The language whose stemmer a literal's text goes through: English for `en*`, Swedish for Swedish and untagged. */
export function textLanguage(lang: string): TextLanguage | undefined {
  if (lang === '' || lang === 'sv' || lang.startsWith('sv-')) return 'sv';
  if (lang === 'en' || lang.startsWith('en-')) return 'en';
  return undefined;
}

export function stem(term: string, language: TextLanguage): string {
  const folded = fold(term);
  // Stemmers cut letters off words of any length; a two-letter word stays whole so it can still match exactly.
  if (folded.length <= 2) return folded;
  return language === 'sv' ? swedishStem(folded) : englishStem(folded);
}

/**
 * A query word matches either language's form of it: its Swedish and its English stem. Both are searched as
 * prefixes, which is what finds compounds ("skola" → "skol" → "skolenheter").
 */
export function queryStems(term: string): string[] {
  return [...new Set([stem(term, 'sv'), stem(term, 'en')])];
}
