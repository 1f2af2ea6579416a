import type { PageLanguage } from '../http/html-pages.js';

/** The words of the embed page and its documentation, per language. embed.js carries its own copy (it runs elsewhere). */
export const EMBED_MESSAGES = {
  sv: {
    listHeading: 'Datamängder från',
    searchLabel: 'Sök bland datamängderna',
    searchButton: 'Sök',
    count: (n: number) => (n === 1 ? '1 datamängd' : `${n.toLocaleString('sv-SE')} datamängder`),
    matching: 'som matchar',
    none: 'Inga datamängder hittades.',
    modified: 'Ändrad',
    previous: 'Föregående',
    next: 'Nästa',
    pageOf: (page: number, pages: number) => `Sida ${page} av ${pages}`,
    pagination: 'Sidor',
    source: 'Från Dataportal Väst',
    newWindow: '(öppnas i nytt fönster)',
  },
  en: {
    listHeading: 'Datasets from',
    searchLabel: 'Search the datasets',
    searchButton: 'Search',
    count: (n: number) => (n === 1 ? '1 dataset' : `${n.toLocaleString('en-GB')} datasets`),
    matching: 'matching',
    none: 'No datasets found.',
    modified: 'Modified',
    previous: 'Previous',
    next: 'Next',
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
    pagination: 'Pages',
    source: 'From Dataportal Väst',
    newWindow: '(opens in a new window)',
  },
} satisfies Record<PageLanguage, Record<string, unknown>>;
