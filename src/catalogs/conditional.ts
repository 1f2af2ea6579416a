import type { Request } from 'express';

/** A catalog's entity tag: its version plus the representation's format ("mc3x1k2.4-ttl"). */
interface Versioned {
  version: string;
}

export const etagFor = (resource: Versioned, extension: string) => `"${resource.version}-${extension}"`;

/** If-Match / If-None-Match: `*` or a list of tags; any representation of the current version matches. */
export function etagMatches(header: string, resource: Versioned): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag.replace(/"/g, '').split('-')[0] === resource.version);
}

/** Whether a conditional GET can be answered 304 (If-None-Match wins over If-Modified-Since, RFC 9110 §13.2.2). */
export function notModified(req: Request, resource: Versioned & { modified: string }): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch) return etagMatches(ifNoneMatch, resource);
  const since = req.headers['if-modified-since'];
  if (!since) return false;
  const sinceMs = Date.parse(since);
  // HTTP dates have whole seconds.
  return Number.isFinite(sinceMs) && Math.floor(Date.parse(resource.modified) / 1000) * 1000 <= sinceMs;
}

/** Changes whenever any public catalog is written, created or deleted. */
export function catalogsVersion(records: { id: string; version: string }[]): string {
  let hash = 0;
  for (const record of records) for (const char of `${record.id}@${record.version};`) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${records.length.toString(36)}.${hash.toString(36)}`;
}
