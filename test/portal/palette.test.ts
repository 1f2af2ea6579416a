import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/package-root.js';

/** WCAG 2.1 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('portal palette', () => {
  const css = fs.readFileSync(path.join(packageRoot(), 'src/portal/assets/portal.css'), 'utf8');
  const vars = Object.fromEntries([...css.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
  const color = (name: string) => (name.startsWith('#') ? name : vars[name]!);

  // Every text colour on every background it is used on (axe checks the rendered pages; this checks the palette).
  const pairs: [string, string][] = [
    ['ink', 'paper'], ['ink', 'paper-tint'], ['ink-muted', 'paper'], ['ink-muted', 'paper-tint'],
    ['link', 'paper'], ['link', 'paper-tint'], ['link', 'accent'], ['link-visited', 'paper'], ['link-visited', 'paper-tint'],
    ['#ffffff', 'brand'], ['#ffffff', 'brand-dark'], ['brand', 'paper'], ['brand', 'paper-tint'], ['brand-dark', 'accent'],
    ['ok', 'ok-tint'], ['warn', 'warn-tint'], ['fail', 'fail-tint'], ['ink', 'ok-tint'], ['ink', 'warn-tint'], ['ink', 'fail-tint'],
    ['ink', 'focus'], ['link', 'ok-tint'], ['link', 'warn-tint'], ['link', 'fail-tint'],
  ];
  for (const [fg, bg] of pairs) {
    it(`${fg} on ${bg} is at least 4.5:1`, () => {
      expect(color(fg), fg).to.match(/^#/);
      expect(color(bg), bg).to.match(/^#/);
      expect(contrast(color(fg), color(bg))).to.be.at.least(4.5);
    });
  }

  it('loads nothing from another host', () => {
    expect(css).not.to.match(/url\(|@import|https?:\/\//);
  });
});
