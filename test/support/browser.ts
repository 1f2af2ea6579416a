import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium: what `.ci/run` installs and these tests drive. */
export const CHROMIUM = '/usr/bin/chromium';

/** Nothing a browser does on its own (updates, sync, field trials) may reach the network during a test. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Launches headless Chromium, or skips the calling suite with a message when it is not installed. On CI
 * (`CI=true`) a missing browser fails instead: there the browser tests are part of what "green" means.
 */
export async function launchBrowser(context: Mocha.Context): Promise<Browser | undefined> {
  if (!fs.existsSync(CHROMIUM)) {
    const message = `${CHROMIUM} is not installed (apt-get install chromium); the browser tests need it`;
    if (process.env.CI === 'true') throw new Error(message);
    console.warn(`      skipped: ${message}`);
    context.skip();
    return undefined;
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const require = createRequire(import.meta.url);

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules and best practices) in the page and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

/** One line per violation and element, for a failure message a person can act on. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact ?? 'unknown'} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
}
