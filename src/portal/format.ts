import type { Lang } from './messages.js';

const LOCALES: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };

/** Building an Intl formatter costs ~50× formatting with one; a results page formats dozens of dates. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d ${lang} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(LOCALES[lang], options)));
  return formatter;
}

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n ${lang} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!formatter) formatters.set(key, (formatter = new Intl.NumberFormat(LOCALES[lang], options)));
  return formatter;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_ONLY = /^\d{4}$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * A date as people read it in the page language ("3 december 2026", "3 December 2026"). An xsd:date is shown as the
 * calendar day written, never shifted by a time zone; a dateTime by its day in Sweden, where its readers are.
 * Text that is no date is shown as written rather than dropped.
 */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const trimmed = value.trim();
  if (YEAR_ONLY.test(trimmed)) return trimmed;
  const ym = YEAR_MONTH.exec(trimmed);
  if (ym) {
    const date = new Date(Date.UTC(Number(ym[1]), Number(ym[2]) - 1, 1));
    return dateFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
  }
  const dateOnly = DATE_ONLY.exec(trimmed);
  const date = dateOnly ? new Date(Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]))) : new Date(trimmed);
  if (Number.isNaN(date.getTime())) return trimmed;
  return dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: dateOnly ? 'UTC' : 'Europe/Stockholm' }).format(date);
}

/** The machine-readable form for `<time datetime>`: the date as written when it is one. */
export function machineDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (YEAR_ONLY.test(trimmed) || YEAR_MONTH.test(trimmed) || DATE_ONLY.test(trimmed)) return trimmed;
  return Number.isNaN(new Date(trimmed).getTime()) ? undefined : trimmed;
}

export function formatNumber(value: number, lang: Lang): string {
  return numberFormat(lang).format(value);
}

/** Byte sizes in the units people expect (1 kB = 1,000 bytes, as file managers on most systems now show). */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${numberFormat(lang, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
