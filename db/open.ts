// Opens PostgreSQL (DATABASE_URL) or embedded PGlite (DATA_DIR/pglite) and applies migrations.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '@/lib/config';
import { getDriver, setDriver, type Driver } from './client';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Driver> {
  let driver: Driver;
  if (config.databaseUrl) {
    const { default: postgres } = await import('postgres');
    const client = postgres(config.databaseUrl, { max: 10, onnotice: () => {} });
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(drizzle({ client }), { migrationsFolder });
    driver = { kind: 'postgres', client };
  } else {
    const dir = path.join(config.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create(dir);
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(drizzle({ client }), { migrationsFolder });
    driver = { kind: 'pglite', client };
  }
  setDriver(driver);
  return driver;
}

export async function closeDatabase(): Promise<void> {
  let driver: Driver;
  try {
    driver = getDriver();
  } catch {
    return;
  }
  setDriver(undefined);
  if (driver.kind === 'postgres') await driver.client.end({ timeout: 5 });
  else await driver.client.close();
}
