import compression from 'compression';
import type { Request, Response } from 'express';

/** RDF syntaxes mime-db does not mark compressible, though text like the rest (1 MiB of N-Triples gzips to ~60 kB). */
const PLAIN_TEXT_RDF = /^application\/(?:n-triples|n-quads|trig|sparql-query|sparql-update)\b/i;

/** gzip and brotli for every textual response; bodies under 1 kB go as they are (compression's default threshold). */
export const compressResponses = () =>
  compression({
    filter: (req: Request, res: Response) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      return PLAIN_TEXT_RDF.test(type) || compression.filter(req, res);
    },
  });
