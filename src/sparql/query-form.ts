export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

/**
 * The form of a query, read after its prologue (BASE and PREFIX declarations, comments). Needed before evaluation
 * because Oxigraph is asked for serialised results, and the format depends on the form. Undefined when the text does
 * not start like a query; evaluation then reports the syntax error with its position.
 */
export function queryForm(query: string): QueryForm | undefined {
  let rest = query;
  for (;;) {
    const skipped = rest.replace(/^(?:\s+|#[^\n]*(?:\n|$))+/, '');
    const declaration = /^(?:BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)/i.exec(skipped);
    if (!declaration) {
      const form = /^(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(skipped);
      return form ? (form[1]!.toUpperCase() as QueryForm) : undefined;
    }
    rest = skipped.slice(declaration[0].length);
  }
}
