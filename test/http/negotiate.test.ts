import { expect } from 'chai';
import { negotiate } from '../../src/http/negotiate.js';

const GRAPHS = ['text/turtle', 'application/ld+json', 'application/rdf+xml', 'application/n-triples'];

// [Accept, expected type or 406]: the rules of RFC 9110 as the server applies them.
const CASES: [string | undefined, string | 406][] = [
  [undefined, 'text/turtle'],
  ['*/*', 'text/turtle'],
  ['application/rdf+xml', 'application/rdf+xml'],
  ['text/turtle; charset=utf-8', 'text/turtle'],
  ['text/turtle;charset="UTF-8"', 'text/turtle'],
  ['text/turtle; charset=iso-8859-1', 406],
  ['application/ld+json;q=0.5, application/rdf+xml;q=0.9', 'application/rdf+xml'],
  ['application/*;q=0.8, text/turtle;q=0.1', 'application/ld+json'],
  ['*/*;q=0.1, application/n-triples', 'application/n-triples'],
  ['text/turtle;q=0, */*', 'application/ld+json'],
  ['text/html', 406],
  ['image/png, text/*;q=0.3', 'text/turtle'],
];

describe('content negotiation', () => {
  for (const [accept, expected] of CASES) {
    it(`Accept: ${accept ?? '(none)'} → ${expected}`, () => {
      const headers = accept === undefined ? {} : { accept };
      if (expected === 406) expect(() => negotiate(headers, GRAPHS)).to.throw(/None of the media types/);
      else expect(negotiate(headers, GRAPHS)).to.equal(expected);
    });
  }
});
