import type { Request, Response } from 'express';
import { notFound } from './errors.js';
import { negotiate } from './negotiate.js';
import { GRAPH_FORMATS, formatByExtension, type RdfFormat } from '../rdf/formats.js';

/** Writes a page for people; passed by a route only where the portal has one. */
export type HtmlRenderer = (req: Request, res: Response) => Promise<void>;

/** A representation that is not RDF (the plain JSON view of organisations). */
export interface ExtraOffer {
  mediaType: string;
  extension: string;
}

export interface RepresentationOptions {
  /** The suffix the URL carried, without its dot (`ttl` of `/catalogs/x.ttl`); absent when there was none. */
  suffix?: string;
  /** The URL of the representation with a given suffix, for `Link: rel="alternate"`; absent: no Link headers. */
  alternate?: (extension: string) => string;
  /** Offered after the RDF syntaxes and before HTML. */
  extra?: ExtraOffer[];
  /** When given, `text/html` and `.html` are offered last. */
  html?: HtmlRenderer;
  /** False for a resource that has no RDF description (fees, administration pages): only the extras and HTML. */
  rdf?: boolean;
}

export type Representation =
  | { kind: 'rdf'; mediaType: string; extension: string; format: RdfFormat }
  | { kind: 'extra'; mediaType: string; extension: string }
  | { kind: 'html'; mediaType: 'text/html'; extension: 'html'; render: HtmlRenderer };

const HTML = 'text/html' as const;

/**
 * The one rule for picking a representation: a suffix picks the format outright (unknown suffixes are 404),
 * otherwise Accept is negotiated among the offers in the server's order — Turtle, JSON-LD, RDF/XML, N-Triples,
 * then the extras, then HTML — so a browser's `text/html,…,*\/*;q=0.8` gets the page while `*\/*` alone keeps
 * Turtle. Sets `Vary: Accept` when Accept decided and a `Link` alternate for every other offer.
 */
export function chooseRepresentation(req: Request, res: Response, options: RepresentationOptions = {}): Representation {
  const offers: Representation[] = [
    ...(options.rdf === false ? [] : GRAPH_FORMATS).map((format) => ({ kind: 'rdf' as const, mediaType: format.mediaType, extension: format.extension, format })),
    ...(options.extra ?? []).map((extra) => ({ kind: 'extra' as const, ...extra })),
    ...(options.html ? [{ kind: 'html' as const, mediaType: HTML, extension: 'html' as const, render: options.html }] : []),
  ];
  let chosen: Representation | undefined;
  if (options.suffix !== undefined) {
    const rdf = formatByExtension(options.suffix);
    chosen = rdf ? offers.find((offer) => offer.mediaType === rdf.mediaType) : offers.find((offer) => offer.extension === options.suffix);
    if (!chosen) {
      const suffixes = offers.map((offer) => `.${offer.extension}`).join(', ');
      throw notFound(`There is no ".${options.suffix}" representation here; the suffixes are ${suffixes}`);
    }
  } else {
    res.setHeader('Vary', 'Accept');
    const mediaType = negotiate(req.headers, offers.map((offer) => offer.mediaType));
    chosen = offers.find((offer) => offer.mediaType === mediaType)!;
  }
  if (options.alternate) {
    const links = offers
      .filter((offer) => offer !== chosen)
      .map((offer) => `<${options.alternate!(offer.extension)}>; rel="alternate"; type="${offer.mediaType}"`);
    if (links.length) res.append('Link', links.join(', '));
  }
  return chosen;
}

/** The suffix of a path's last segment when it is one the server knows as a format (`x.ttl` → `ttl`). */
export function splitSuffix(path: string, known: (suffix: string) => boolean): { stem: string; suffix?: string } {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return { stem: path };
  const suffix = path.slice(dot + 1);
  return known(suffix) ? { stem: path.slice(0, dot), suffix } : { stem: path };
}

/** Suffixes that pick a format of an RDF description (plus `.html` for pages). */
export const isFormatSuffix = (suffix: string) => suffix === 'html' || formatByExtension(suffix) !== undefined;
