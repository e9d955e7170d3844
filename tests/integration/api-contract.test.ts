import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTypes } from '../../examples/generate-types';
import { baseUrl, browserSignIn, call, newUser } from '../support/http';
import { root } from '../support/server';

async function documentFromServer() {
  return (await fetch(`${baseUrl()}/api/openapi.json`)).json();
}

/** Every app/api/**\/route.ts as "METHOD /api/path/{param}", read from its endpoint({ ... }) call. */
function routeHandlers(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === 'route.ts') {
        const route = '/' + path.relative(path.join(root, 'app'), path.dirname(full)).split(path.sep).join('/');
        // next-auth's own routes and the catch-all 404 are not operations of ours.
        if (route.includes('[...')) continue;
        const template = route.replace(/\[(\w+)\]/g, '{$1}');
        const source = readFileSync(full, 'utf8');
        const block = /endpoint\(\{([\s\S]*)\}\);?\s*$/.exec(source)?.[1] ?? '';
        for (const m of block.matchAll(/^\s{2}(GET|POST|PUT|PATCH|DELETE):/gm)) found.push(`${m[1]} ${template}`);
      }
    }
  };
  walk(path.join(root, 'app', 'api'));
  return found.sort();
}

describe('the OpenAPI document', () => {
  it('validates as OpenAPI 3.1 with a standard validator', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const validator = new Validator();
    const result = await validator.validate(await documentFromServer());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has an operation for every route handler, and a handler for every operation', async () => {
    const doc = await documentFromServer();
    const operations = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([p, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`))
      .sort();
    const handlers = routeHandlers();
    expect(handlers.length).toBeGreaterThan(20);
    expect(operations).toEqual(handlers);
  });

  it('describes both security schemes, tags, summaries, and the Socket.IO events', async () => {
    const doc = await documentFromServer();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearerAuth', 'sessionCookie']);
    for (const item of Object.values(doc.paths as Record<string, Record<string, { summary?: string; tags?: string[] }>>)) {
      for (const operation of Object.values(item)) {
        expect(operation.summary).toBeTruthy();
        expect(operation.tags?.length).toBe(1);
      }
    }
    expect(Object.keys(doc['x-socket-io'].clientEvents).sort()).toEqual(
      ['conversation:read', 'draft:set', 'message:delete', 'message:edit', 'message:send', 'reaction:add', 'reaction:remove', 'typing'].sort(),
    );
    expect(Object.keys(doc['x-socket-io'].serverEvents).sort()).toEqual(
      [
        'conversation:changed',
        'conversation:removed',
        'conversation:updated',
        'member:added',
        'member:removed',
        'member:updated',
        'draft:updated',
        'message:deleted',
        'message:new',
        'message:reactions',
        'message:updated',
        'notification',
        'presence',
        'read',
        'typing',
        'user:updated',
      ].sort(),
    );
    // Each payload and ack is a self-contained JSON Schema, titled with its name.
    for (const event of [...Object.values(doc['x-socket-io'].clientEvents), ...Object.values(doc['x-socket-io'].serverEvents)] as {
      payload: { title: string; type?: string; anyOf?: unknown[] };
      ack?: { title: string; type?: string; anyOf?: unknown[] };
    }[]) {
      for (const schema of [event.payload, event.ack].filter((r) => r !== undefined)) {
        expect(schema.title).toMatch(/^[A-Z]\w+$/);
        expect(schema.type ?? schema.anyOf, schema.title).toBeTruthy();
        expect(JSON.stringify(schema), schema.title).not.toMatch(/"\$ref":"#\/components/);
      }
    }
    // Every operation has a stable id, for client generators.
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
      Object.values(item).map((o) => o.operationId),
    );
    expect(ids.every((x) => typeof x === 'string' && /^[a-z][A-Za-z]+$/.test(x))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('matches the committed generated client types (run `npm run api:types` after changing the API)', async () => {
    expect(await generateTypes()).toBe(readFileSync(path.join(root, 'examples', 'api-types.ts'), 'utf8'));
  });
});

describe('edges', () => {
  it('answers a known path with an unsupported method with 405 and an Allow header', async () => {
    const user = await newUser();
    const reply = await call('DELETE', '/api/users', { token: user.token });
    expect(reply.status).toBe(405);
    expect(reply.body.error.code).toBe('method_not_allowed');
    expect(reply.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const put = await call('PUT', '/api/conversations', { token: user.token, body: {} });
    expect(put.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
  });

  it('sends RateLimit headers on limited routes, and 429 past the limit (10 token creations a minute)', async () => {
    const user = await newUser();
    for (let i = 1; i <= 10; i++) {
      const reply = await call('POST', '/api/tokens', { token: user.token, body: { name: `t${i}`, password: user.password } });
      expect(reply.status).toBe(201);
      expect(reply.headers.get('ratelimit-limit')).toBe('10');
      expect(reply.headers.get('ratelimit-remaining')).toBe(String(10 - i));
      expect(Number(reply.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    }
    const limited = await call('POST', '/api/tokens', { token: user.token, body: { name: 'one more', password: user.password } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('GET', '/api/tokens?limit=100', { token: user.token })).body.items).toHaveLength(10);
  });

  it('counts every other write against one per-user write limit', async () => {
    const user = await newUser();
    const { body } = await call('POST', '/api/conversations', { token: user.token, body: { type: 'group', title: 'Writes', memberIds: [] } });
    const id = body.conversation.id;
    const writes = [
      () => call('PATCH', '/api/users/me', { token: user.token, body: { bio: 'hello' } }),
      () => call('PATCH', `/api/conversations/${id}`, { token: user.token, body: { title: 'Renamed' } }),
      () => call('POST', `/api/conversations/${id}/read`, { token: user.token, body: { seq: 0 } }),
      () => call('PATCH', '/api/users/me', { token: user.token, body: { bio: 'again' } }),
    ];
    const remaining: number[] = [];
    for (const write of writes) {
      const reply = await write();
      expect(reply.headers.get('ratelimit-limit')).toBe('1000');
      remaining.push(Number(reply.headers.get('ratelimit-remaining')));
    }
    // Three different routes, one budget: each write takes one from what the previous left.
    expect(remaining).toEqual([remaining[0], remaining[0] - 1, remaining[0] - 2, remaining[0] - 3]);
  });
});

describe('CORS', () => {
  it('answers a preflight from any origin for bearer requests, without credentials', async () => {
    const response = await fetch(`${baseUrl()}/api/users/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://bot.example', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets a bearer request from another origin read its answer', async () => {
    const user = await newUser();
    const reply = await call('GET', '/api/users/me', { token: user.token, headers: { origin: 'https://bot.example' } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('never lets a cookie-authenticated request cross origins', async () => {
    const user = await newUser();
    const { cookie } = await browserSignIn(user.username, user.password);
    const read = await call('GET', '/api/users/me', { cookie: cookie!, headers: { origin: 'https://evil.example' } });
    // "*" is never valid for a credentialed request, so the browser withholds the answer.
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
    const write = await call('PATCH', '/api/users/me', { cookie: cookie!, headers: { origin: 'https://evil.example' }, body: { bio: 'x' } });
    expect(write.status).toBe(403);
  });

  it('adds nothing to same-origin requests', async () => {
    const response = await fetch(`${baseUrl()}/api/health`, { headers: { origin: baseUrl() } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
