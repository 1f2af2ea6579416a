import path from 'node:path';
import type { Request } from 'express';
import busboy from 'busboy';
import { badRequest, payloadTooLarge } from '../http/errors.js';
import { readBody } from '../http/receive-body.js';
import type { BodyPace } from '../http/receive-body.js';
import { formatByExtension, formatByMediaType, JSONLD, RDFXML, TURTLE } from '../rdf/formats.js';

/** Bodies of the dry-run form (`GET /validate` for people): a browser's multipart upload, or urlencoded fields. */
export const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded'];

/** What the form sends: `profile`, `syntax` ('' = detect), pasted `text` and/or one `file`. */
export interface ValidateForm {
  profile?: string;
  syntax?: string;
  text?: string;
  file?: { name: string; mediaType: string; bytes: Buffer };
}

/** The document to validate, chosen from the form. */
export interface FormDocument {
  bytes: Buffer;
  mediaType: string;
  /** How errors name it: "file badplatser.ttl" or "pasted text". */
  what: string;
  /** The file name, for the report's heading. */
  fileName?: string;
}

/**
 * Read the form body. The whole body counts against `limit` (413 past it), and busboy's own limits are set to the
 * same, so a long pasted text is never cut short silently (its default field limit is 1 MB).
 */
export async function readValidateForm(req: Request, limit: number, pace: BodyPace): Promise<ValidateForm> {
  const bytes = await readBody(req, limit, pace);
  return new Promise((resolve, reject) => {
    const form: ValidateForm = {};
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: limit, fileSize: limit, files: 1, fields: 10, parts: 12 } });
    } catch (error) {
      reject(badRequest(`Malformed form body: ${(error as Error).message}`));
      return;
    }
    const fail = (error: Error) => reject(error);
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(payloadTooLarge(limit));
      if (name === 'profile' || name === 'syntax' || name === 'text') form[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(payloadTooLarge(limit)));
      // A body cut inside the file fails its stream too; unheard, that error ended the process.
      stream.on('error', (error: Error) => fail(badRequest(`Malformed form body: ${error.message}`)));
      stream.on('end', () => {
        // A form submitted without a chosen file still sends an empty part with an empty file name.
        if (name === 'file' && (info.filename || chunks.length > 0)) form.file = { name: info.filename ?? '', mediaType: info.mimeType.toLowerCase(), bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('filesLimit', () => fail(badRequest('Send one file per validation')));
    parser.on('fieldsLimit', () => fail(badRequest('The form has too many fields; it takes profile, syntax, text and file')));
    parser.on('error', (error: Error) => fail(badRequest(`Malformed form body: ${error.message}`)));
    parser.on('close', () => resolve(form));
    parser.end(bytes);
  });
}

/**
 * The document of a form: the file when one was chosen, else the pasted text (both: 400, the person must say which).
 * The syntax is the chosen one, else the file name's extension, else the file part's type, else a look at how the
 * text begins (JSON-LD `{`/`[`, RDF/XML `<?xml`/`<rdf:RDF`, otherwise Turtle, which N-Triples also is).
 */
export function formDocument(form: ValidateForm): FormDocument {
  const text = form.text?.trim() ? form.text : undefined;
  const file = form.file && (form.file.bytes.length > 0 || form.file.name) ? form.file : undefined;
  if (file && text) throw badRequest('Send either a file or pasted text, not both', { reason: 'both' });
  if (!file && !text) throw badRequest('Choose a file or paste the text to validate (form fields "file" or "text")', { reason: 'no-document' });
  let chosen: string | undefined;
  if (form.syntax) {
    chosen = formatByMediaType(form.syntax)?.mediaType;
    if (!chosen) throw badRequest(`Unknown syntax "${form.syntax}"; use text/turtle, application/n-triples, application/rdf+xml or application/ld+json, or leave it empty to detect`, { field: 'syntax' });
  }
  if (file) {
    const extension = path.extname(file.name).slice(1).toLowerCase();
    const byName = extension === 'json' ? JSONLD : formatByExtension(extension);
    const mediaType = chosen ?? byName?.mediaType ?? formatByMediaType(file.mediaType)?.mediaType ?? sniff(file.bytes.toString('utf8', 0, 512));
    return { bytes: file.bytes, mediaType, what: `file ${file.name || '(unnamed)'}`, fileName: file.name || undefined };
  }
  return { bytes: Buffer.from(text!, 'utf8'), mediaType: chosen ?? sniff(text!), what: 'pasted text' };
}

function sniff(start: string): string {
  const head = start.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return JSONLD.mediaType;
  if (head.startsWith('<?xml') || /^<rdf:RDF[\s>]/.test(head)) return RDFXML.mediaType;
  return TURTLE.mediaType;
}
