import { expect } from 'chai';
import { chooseLanguage, pickText } from '../../src/portal/language.js';
import { formatDate } from '../../src/portal/format.js';
import { MESSAGES } from '../../src/portal/messages.js';

describe('portal language', () => {
  describe('chooseLanguage', () => {
    const cases: [string, Record<string, unknown>, string | undefined, 'sv' | 'en'][] = [
      ['nothing said: Swedish', {}, undefined, 'sv'],
      ['?lang=en', { lang: 'en' }, undefined, 'en'],
      ['?lang=sv beats an English browser', { lang: 'sv' }, 'en-GB,en;q=0.9', 'sv'],
      ['?lang=en beats a Swedish browser', { lang: 'en' }, 'sv-SE', 'en'],
      ['an unknown ?lang= is ignored', { lang: 'de' }, 'en', 'en'],
      ['a repeated ?lang= takes the first', { lang: ['en', 'sv'] }, undefined, 'en'],
      ['Accept-Language en-GB', {}, 'en-GB,en;q=0.9', 'en'],
      ['Accept-Language sv-SE', {}, 'sv-SE,sv;q=0.9,en;q=0.8', 'sv'],
      ['q-values decide', {}, 'en;q=0.5,sv;q=0.8', 'sv'],
      ['q=0 excludes', {}, 'sv;q=0,en', 'en'],
      ['neither offered: Swedish', {}, 'de-DE,fr;q=0.8', 'sv'],
      ['wildcard: Swedish first', {}, '*', 'sv'],
    ];
    for (const [name, query, acceptLanguage, expected] of cases) {
      it(name, () => {
        const headers = acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage };
        expect(chooseLanguage({ query, headers })).to.equal(expected);
      });
    }
  });

  describe('pickText', () => {
    it('prefers the page language, marking nothing', () => {
      expect(pickText({ sv: 'Skolor', en: 'Schools' }, 'en')).to.deep.equal({ text: 'Schools' });
    });
    it('takes a regional variant as the language', () => {
      expect(pickText({ 'sv-SE': 'Skolor' }, 'sv')).to.deep.equal({ text: 'Skolor' });
    });
    it('falls back to untagged text, unmarked', () => {
      expect(pickText({ '': 'Skolor', fi: 'Koulut' }, 'en')).to.deep.equal({ text: 'Skolor' });
    });
    it('falls back to Swedish, then English, then anything, marking the language', () => {
      expect(pickText({ en: 'Schools', sv: 'Skolor' }, 'sv')).to.deep.equal({ text: 'Skolor' });
      expect(pickText({ fi: 'Koulut', en: 'Schools' }, 'sv')).to.deep.equal({ text: 'Schools', lang: 'en' });
      expect(pickText({ fi: 'Koulut' }, 'en')).to.deep.equal({ text: 'Koulut', lang: 'fi' });
    });
    it('has nothing for no text', () => {
      expect(pickText({}, 'sv')).to.equal(undefined);
      expect(pickText({ sv: '  ' }, 'sv')).to.equal(undefined);
    });
  });

  describe('formatDate', () => {
    it('writes dates as people read them in each language', () => {
      expect(formatDate('2026-12-03', 'sv')).to.equal('3 december 2026');
      expect(formatDate('2026-12-03', 'en')).to.equal('3 December 2026');
      expect(formatDate('2026-03', 'sv')).to.equal('mars 2026');
      expect(formatDate('2026', 'en')).to.equal('2026');
    });
    it('never shifts an xsd:date by a time zone, and gives a dateTime its Swedish day', () => {
      expect(formatDate('2026-01-01', 'sv')).to.equal('1 januari 2026');
      expect(formatDate('2026-06-30T23:30:00Z', 'sv')).to.equal('1 juli 2026');
    });
    it('shows text that is no date as written', () => {
      expect(formatDate('sometime in spring', 'en')).to.equal('sometime in spring');
    });
  });

  it('has every message in both languages', () => {
    expect(Object.keys(MESSAGES.en).sort()).to.deep.equal(Object.keys(MESSAGES.sv).sort());
    for (const [key, value] of Object.entries(MESSAGES.en)) {
      if (typeof value === 'string') expect(value, key).to.not.equal('');
    }
  });
});
