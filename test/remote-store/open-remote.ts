import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { StoreError } from '../../src/store/store-error.js';
import { RemoteStore, type RemoteStoreOptions } from '../../src/store/remote/remote-store.js';
import { VIRTUOSO_PASSWORD, VIRTUOSO_USER, remoteStoreOptions, type Virtuoso } from '../support/virtuoso.js';

export const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** DATA_DIRs made for the suites, removed after the run. */
const dataDirs: string[] = [];
after(() => {
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function remoteDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpv-remote-'));
  dataDirs.push(dir);
  return dir;
}

/** A remote store on the test run's Virtuoso with a fresh DATA_DIR (or the one given), opened. */
export async function openRemoteStore(virtuoso: Virtuoso, options: Partial<RemoteStoreOptions> = {}): Promise<RemoteStore> {
  const store = new RemoteStore({ ...remoteStoreOptions(virtuoso, remoteDataDir()), ...options });
  await store.open();
  return store;
}

/** Digest-authenticated fetch straight to Virtuoso, for showing what it does without the backend. */
export async function rawFetch(virtuoso: Virtuoso, url: string, init: RequestInit & { duplex?: 'half' } = {}): Promise<Response> {
  // The challenge is asked for without the body: a streamed body cannot be sent twice.
  const first = await fetch(url, { method: 'HEAD' });
  await first.arrayBuffer();
  if (first.status !== 401) return fetch(url, init);
  const challenge = first.headers.get('www-authenticate')!;
  const { DigestSession, parseDigestChallenge } = await import('../../src/store/remote/digest-auth.js');
  const session = new DigestSession(parseDigestChallenge(challenge)!, VIRTUOSO_USER, VIRTUOSO_PASSWORD);
  const parsed = new URL(url);
  const headers = new Headers(init.headers);
  headers.set('authorization', session.authorization(init.method ?? 'GET', `${parsed.pathname}${parsed.search}`));
  return fetch(url, { ...init, headers });
}

export function sortedLines(text: string): string[] {
  return text.split('\n').filter(Boolean).sort();
}

export async function text(render: (onChunk: (chunk: Uint8Array) => void) => Promise<unknown>): Promise<string> {
  const chunks: Uint8Array[] = [];
  await render((chunk) => void chunks.push(chunk));
  return Buffer.concat(chunks).toString('utf8');
}


/** The StoreError a promise is rejected with (fails the test when it resolves or rejects with something else). */
export async function storeErrorOf(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError');
}
