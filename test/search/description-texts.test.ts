/**
 * The datasets' descriptions the index keeps as text for /catalog pages: what a block holds, and files that are
 * replaced while a page is reading them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { describeDatasets } from '../../src/search/description-text.js';
import { DescriptionFiles } from '../../src/search/description-files.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const EX = 'https://example.org/';
const CATALOG = [
  `<${EX}catalog> <${DCAT}dataset> <${EX}a> .`,
  `<${EX}a> <http://purl.org/dc/terms/title> "A"@sv .`,
  `<${EX}a> <${DCAT}distribution> <${EX}shared> .`,
  `<${EX}a> <${DCAT}contactPoint> _:c .`,
  `<${EX}a> <http://purl.org/dc/terms/publisher> <${EX}org> .`,
  `_:c <http://www.w3.org/2006/vcard/ns#hasAddress> _:addr .`,
  `_:addr <http://www.w3.org/2006/vcard/ns#locality> "Borås" .`,
  `_:addr <${EX}loop> _:c .`,
  `<${EX}b> <http://purl.org/dc/terms/title> "B"@sv .`,
  `<${EX}b> <${DCAT}distribution> <${EX}shared> .`,
  `<${EX}shared> <${DCAT}accessURL> <${EX}file.csv> .`,
  `<${EX}shared> <${DCAT}checksum> _:sum .`,
  `_:sum <http://spdx.org/rdf/terms#checksumValue> "ab" .`,
  `<${EX}org> <http://xmlns.com/foaf/0.1/name> "Org" .`,
].join('\n');

describe('dataset descriptions as text', () => {
  it("holds a dataset's triples, its distributions' and every blank node below them, nothing of other resources", () => {
    const { text, ranges } = describeDatasets(`${CATALOG}\n`, [`${EX}a`, `${EX}b`, `${EX}missing`]);
    const block = (iri: string) => Buffer.from(text).subarray(ranges[iri]![0], ranges[iri]![0] + ranges[iri]![1]).toString().split('\n').filter(Boolean).sort();
    expect(block(`${EX}a`)).to.deep.equal(
      CATALOG.split('\n')
        .filter((line) => /^<https:\/\/example\.org\/(a|shared)> |^_:(c|addr|sum) /.test(line))
        .sort(),
    );
    expect(block(`${EX}b`)).to.deep.equal(CATALOG.split('\n').filter((line) => /^<https:\/\/example\.org\/(b|shared)> |^_:sum /.test(line)).sort());
    expect(ranges[`${EX}missing`]![1]).to.equal(0);
    expect(ranges[`${EX}a`]![0] + ranges[`${EX}a`]![1]).to.equal(ranges[`${EX}b`]![0]);
  });

  describe('files', () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpv-texts-'))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads the blocks of a page in its order, skipping datasets they do not know', async () => {
      const files = new DescriptionFiles(dir);
      await files.replace('x', describeDatasets(`${CATALOG}\n`, [`${EX}a`, `${EX}b`]));
      await files.replace('y', { text: 'Åä\n', ranges: { [`${EX}y`]: [0, Buffer.byteLength('Åä\n')] } });
      const text = await files.read([
        { iri: `${EX}y`, catalog: 'y' },
        { iri: `${EX}b`, catalog: 'x' },
        { iri: `${EX}gone`, catalog: 'x' },
        { iri: `${EX}a`, catalog: 'z' },
      ]);
      expect(text.startsWith('Åä\n<https://example.org/b>')).to.equal(true);
      expect(text).not.to.include('"A"@sv');
      await files.close();
    });

    it('keeps a replaced file for the page reading it, then removes it; a start takes back only whole files', async () => {
      const files = new DescriptionFiles(dir);
      await files.replace('x', { text: 'one\n', ranges: { a: [0, 4] } });
      const first = files.persisted('x')!;
      const reading = files.read([{ iri: 'a', catalog: 'x' }]);
      await files.replace('x', { text: 'two\n', ranges: { a: [0, 4] } });
      expect(await reading).to.equal('one\n');
      expect(await files.read([{ iri: 'a', catalog: 'x' }])).to.equal('two\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = files.persisted('x')!;
      expect(fs.readdirSync(files.dir)).to.deep.equal([second.file]);
      await files.close();

      const again = new DescriptionFiles(dir);
      expect(await again.adopt('x', first), 'a file that is gone').to.equal(false);
      expect(await again.adopt('x', { ...second, ranges: { a: [0, 5] } }), 'a file shorter than recorded').to.equal(false);
      fs.writeFileSync(path.join(again.dir, 'left-by-a-crash.nt'), 'x');
      expect(await again.adopt('x', second)).to.equal(true);
      await again.removeUnreferenced();
      expect(fs.readdirSync(again.dir)).to.deep.equal([second.file]);
      expect(await again.read([{ iri: 'a', catalog: 'x' }])).to.equal('two\n');
      await again.close();
    });
  });
});
