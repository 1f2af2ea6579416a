/** The neutral store errors as HTTP: one table of kinds, whatever backend threw them. */
import { expect } from 'chai';
import { storeErrorToHttp } from '../../src/http/store-errors.js';
import { StoreError, type StoreErrorDetails, type StoreErrorKind } from '../../src/store/store-error.js';

const cases: [StoreErrorKind, StoreErrorDetails, number, Record<string, string>, Record<string, unknown>][] = [
  ['timeout', {}, 503, {}, {}],
  ['busy', { retryAfterSeconds: 5 }, 503, { 'Retry-After': '5' }, {}],
  ['unavailable', { retryAfterSeconds: 1 }, 503, { 'Retry-After': '1' }, {}],
  ['unavailable', {}, 503, {}, {}],
  ['syntax', { line: 3, column: 14 }, 400, {}, { line: 3, column: 14 }],
  ['syntax', {}, 400, {}, {}],
  ['full', {}, 507, {}, {}],
  ['unsupported', {}, 400, {}, {}],
  ['failed', {}, 500, {}, {}],
  ['failed', { upstream: true }, 502, {}, {}],
];

describe('store errors as HTTP', () => {
  for (const [kind, details, status, headers, body] of cases) {
    it(`${kind} ${JSON.stringify(details)} → ${status}`, () => {
      const http = storeErrorToHttp(new StoreError(kind, `the ${kind} message`, details));
      expect(http.status).to.equal(status);
      expect(http.message).to.equal(`the ${kind} message`);
      expect(http.headers).to.deep.equal(headers);
      expect(http.details).to.deep.equal(body);
    });
  }
});
