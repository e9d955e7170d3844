// The sweep of uploads never attached, through the real server's timer (every second in the
// test server), on whichever storage this project runs against. It ages a row in the server's
// PostgreSQL database, so it runs in the integration and files-s3 projects, not on embedded PGlite.
import { afterAll, describe, expect, it } from 'vitest';
import { database, databaseUrl } from '../support/database';
import { eventually, png, uploaded } from '../support/files';
import { call, newUser } from '../support/http';
import { closeAll } from '../support/sockets';
import { storedKeys, storageKind } from '../support/storage';

afterAll(closeAll);

describe(`the file sweep (${storageKind()} storage)`, () => {
  it('sweeps an upload never attached within its time, with its thumbnail', async () => {
    const a = await newUser();
    const file = await uploaded(a, await png(16, 16), 'late.png');
    const kept = await uploaded(a, Buffer.from('fresh'), 'fresh.txt');
    expect(databaseUrl()).not.toBe('');
    await database()`update attachments set created_at = now() - interval '25 hours' where id = ${file.id}`;
    await eventually(async () => !(await storedKeys()).some((k) => k.includes(file.id)));
    expect((await call('GET', file.url, { token: a.token })).status).toBe(404);
    expect((await call('GET', kept.url, { token: a.token })).status).toBe(200);
    const [row] = await database()`select count(*)::int as n from attachments where id = ${file.id}`;
    expect(row.n).toBe(0);
  });
});
