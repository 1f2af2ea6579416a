import type { PageLanguage } from '../http/html-pages.js';

/** The words of the editor page, per language. */
export const EDITOR_MESSAGES = {
  sv: {
    title: 'SPARQL-frågor – Dataportal Väst',
    heading: 'Fråga katalogerna med SPARQL',
    intro:
      'Här kan du ställa SPARQL-frågor mot alla publicerade kataloger i Dataportal Väst. Välj en exempelfråga, ändra den och kör den med knappen i redigeraren. Resultatet visas som en tabell under frågan.',
    endpointNote: 'Frågetjänsten (SPARQL-endpoint) finns på',
    examplesHeading: 'Exempelfrågor',
    editorHeading: 'Fråga',
    queryLabel: 'SPARQL-fråga',
    endpointLabel: 'Frågetjänst (SPARQL-endpoint)',
    pageSizeLabel: 'Rader per sida',
    noscript: 'Redigeraren behöver JavaScript. Utan det kan du kopiera frågan ovan och skicka den till frågetjänsten med valfritt verktyg.',
    languageSwitch: 'In English',
    languageSwitchLang: 'en',
    languageNav: 'Språk',
  },
  en: {
    title: 'SPARQL queries – Dataportal Väst',
    heading: 'Query the catalogs with SPARQL',
    intro:
      'Ask SPARQL queries over every published catalog of Dataportal Väst. Pick an example, change it and run it with the button in the editor. The results appear as a table below the query.',
    endpointNote: 'The SPARQL endpoint is at',
    examplesHeading: 'Example queries',
    editorHeading: 'Query',
    queryLabel: 'SPARQL query',
    endpointLabel: 'SPARQL endpoint',
    pageSizeLabel: 'Rows per page',
    noscript: 'The editor needs JavaScript. Without it, copy the query above and send it to the endpoint with any tool.',
    languageSwitch: 'På svenska',
    languageSwitchLang: 'sv',
    languageNav: 'Language',
  },
} satisfies Record<PageLanguage, Record<string, string>>;
