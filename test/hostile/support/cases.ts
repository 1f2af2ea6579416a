import ox from 'oxigraph';
import { ALL_TARGETS, expectRefused, sendTo, type Refusal, type Stand, type TargetName } from './stand.js';

/** Send one hostile body to each target in turn; each must be refused (see expectRefused). */
export async function refusedAt(
  stand: Stand,
  body: Uint8Array | string,
  contentType: string | undefined,
  what: string,
  options: { targets?: TargetName[]; allowed?: number[]; headers?: Record<string, string> } = {},
): Promise<Map<TargetName, Refusal>> {
  const refusals = new Map<TargetName, Refusal>();
  for (const target of options.targets ?? ALL_TARGETS) {
    const res = await sendTo(stand, target, body, contentType, options.headers);
    refusals.set(target, await expectRefused(res, `${what} → ${target}`, options.allowed));
  }
  return refusals;
}

/**
 * `count` places to cut a document, spread over its length, each moved forward until the prefix no longer parses
 * (`parses`), so every cut is a broken document rather than a shorter valid one.
 */
export function cutPoints(text: string, count: number, parses: (prefix: string) => boolean): number[] {
  const points = new Set<number>();
  for (let k = 1; k <= count; k++) {
    let at = Math.floor((k * text.length) / (count + 1));
    while (at < text.length && parses(text.slice(0, at))) at++;
    if (at < text.length) points.add(at);
  }
  return [...points];
}

/** Whether Oxigraph parses `text` as the given syntax: the oracle for cutPoints. */
export function oxigraphParses(format: string): (text: string) => boolean {
  return (text) => {
    try {
      ox.parse(text, { format, base_iri: 'http://localhost/base/' });
      return true;
    } catch {
      return false;
    }
  };
}

export function jsonParses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Wait for a condition instead of a fixed sleep. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
