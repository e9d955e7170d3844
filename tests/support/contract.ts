// Checks responses against the OpenAPI document the server publishes: the operation for the
// method and path must exist, must list the status, and the body must match its schema.
// Used by the integration suite (every `call`) and the browser suite (every /api response).
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

type Contract = {
  doc: Doc;
  ajv: Ajv2020;
  templates: { template: string; pattern: RegExp; params: number }[];
};

let contract: Promise<Contract> | undefined;
let validated = 0;

export function loadContract(baseUrl: string): Promise<Contract> {
  contract ??= (async () => {
    const doc = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as Doc;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc as object, 'openapi.json');
    const templates = Object.keys(doc.paths)
      .map((template) => ({
        template,
        pattern: new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$'),
        params: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
    return { doc, ajv, templates };
  })();
  return contract;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Throws when a response breaks the document. Paths the document does not own (next-auth's own
 * routes under /api/auth/) are skipped; any other unknown path must be a 404 in the envelope.
 */
export async function checkResponse(baseUrl: string, method: string, url: string, status: number, body: unknown, contentType?: string): Promise<void> {
  const { doc, ajv, templates } = await loadContract(baseUrl);
  const pathname = new URL(url, baseUrl).pathname;
  // Node's own refusal of an oversized request line or headers, before any route is chosen.
  if (status === 431) return validateAgainst(ajv, 'openapi.json#/components/schemas/Error', body, `${method} ${pathname} 431`);
  const match = templates.find((t) => t.pattern.test(pathname));
  const lower = method.toLowerCase();
  if (!match) {
    if (pathname.startsWith('/api/auth/')) return; // next-auth's browser sign-in routes
    if (status === 308 && (pathname.endsWith('/') || pathname.includes('//'))) return; // a trailing or doubled slash redirects to the path without it
    if (status !== 404) throw new Error(`${method} ${pathname}: ${status} from a path the document does not have`);
    return validateAgainst(ajv, 'openapi.json#/components/schemas/Error', body, `${method} ${pathname} 404`);
  }
  const operation = doc.paths[match.template][lower];
  if (!operation) {
    if (lower === 'head' || lower === 'options') return;
    if (status !== 405) throw new Error(`${method} ${match.template}: ${status}, but the document has no such operation`);
    return validateAgainst(ajv, 'openapi.json#/components/schemas/Error', body, `${method} ${pathname} 405`);
  }
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`${method} ${match.template}: status ${status} is not in the document (${Object.keys(operation.responses).join(', ')})`);
  if (!response.content) {
    if (body !== null && body !== '' && body !== undefined) throw new Error(`${method} ${match.template} ${status}: a body where the document has none`);
    validated++;
    return;
  }
  if (!response.content['application/json']) {
    // A file: its media type must be one the document lists (`*/*` stands for any); the bytes are the file's own.
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const listed = Object.keys(response.content);
    if (!listed.includes('*/*') && !listed.includes(type))
      throw new Error(`${method} ${match.template} ${status}: Content-Type ${type || 'none'} is not one of ${listed.join(', ')}`);
    if (/json/.test(type)) throw new Error(`${method} ${match.template} ${status}: a JSON body where the document has a file`);
    validated++;
    return;
  }
  return validateAgainst(
    ajv,
    `openapi.json#/${pointer('paths', match.template, lower, 'responses', String(status), 'content', 'application/json', 'schema')}`,
    body,
    `${method} ${match.template} ${status}`,
  );
}

function validateAgainst(ajv: Ajv2020, ref: string, body: unknown, what: string) {
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (!validate(body))
    throw new Error(`${what}: the body does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
  validated++;
}

/** Records how many responses this process validated, for the run's summary. */
export function recordValidatedCount(runner: string): void {
  if (validated === 0) return;
  const dir = path.resolve(__dirname, '..', '.results', 'contract');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${runner}-${randomUUID()}.json`), JSON.stringify({ runner, kind: 'rest', validated }));
  validated = 0;
}
