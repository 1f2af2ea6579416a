import { expect } from 'chai';
import { createPortal } from '../../src/portal/render.js';
import { BASE, HOSTILE_TITLE, label, organisations, qualityReport } from '../portal/fixtures.js';

describe('quality page', () => {
  const portal = createPortal({ baseUrl: BASE, label, organisations });
  const render = (lang: 'sv' | 'en', url = '/catalogs/goteborg/quality') => portal.renderQuality(qualityReport(), { sv: 'Göteborgs Stads datakatalog' }, { lang, url });

  it('names the dimensions, indicators and ratings in Swedish and in English', () => {
    const sv = render('sv');
    expect(sv).to.include('<html lang="sv"').and.include('Upptäckbarhet').and.include('Licensordlista').and.include('Tillräcklig');
    const en = render('en');
    expect(en).to.include('<html lang="en"').and.include('Findability').and.include('Licence vocabulary').and.include('Sufficient');
  });

  it('marks the indicators scored from metadata alone and says what that means', () => {
    const en = render('en');
    expect(en).to.match(/AccessURL accessibility \*/).and.match(/DownloadURL accessibility \*/);
    expect(en).to.include('does not request publishers’ URLs');
    expect(en).not.to.match(/Keyword usage \*/);
  });

  it('escapes dataset titles and pages the dataset list (150 datasets, 100 a page)', () => {
    const sv = render('sv');
    expect(sv).not.to.include(HOSTILE_TITLE);
    expect(sv).to.include('Laddstolpar &lt;script&gt;');
    expect(sv).to.include('page=2');
  });
});
