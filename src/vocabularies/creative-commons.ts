/**
 * Creative Commons licences by the `http://creativecommons.org/…` IRIs that DCAT-AP-SE asks for (the EU licence table
 * names them by its own codes), with [Swedish, English] labels. Both http and https spellings are looked up.
 */
export const CREATIVE_COMMONS: Record<string, readonly string[]> = {
  'http://creativecommons.org/publicdomain/zero/1.0/': ['CC0 1.0 (allmän egendom)', 'CC0 1.0 (public domain)'],
  'http://creativecommons.org/publicdomain/mark/1.0/': ['Public Domain Mark 1.0'],
  'http://creativecommons.org/licenses/by/4.0/': ['CC BY 4.0 (erkännande)', 'CC BY 4.0 (attribution)'],
  'http://creativecommons.org/licenses/by-sa/4.0/': ['CC BY-SA 4.0 (erkännande, dela lika)', 'CC BY-SA 4.0 (attribution, share-alike)'],
  'http://creativecommons.org/licenses/by-nd/4.0/': ['CC BY-ND 4.0'],
  'http://creativecommons.org/licenses/by-nc/4.0/': ['CC BY-NC 4.0'],
  'http://creativecommons.org/licenses/by/2.5/se/': ['CC BY 2.5 Sverige', 'CC BY 2.5 Sweden'],
};

export function creativeCommonsLabel(iri: string, lang: 'sv' | 'en'): string | undefined {
  const labels = CREATIVE_COMMONS[iri.replace(/^https:/, 'http:').replace(/(?<!\/)$/, '/')];
  return labels ? ((lang === 'sv' ? labels[0] : labels.at(-1)) ?? undefined) : undefined;
}
