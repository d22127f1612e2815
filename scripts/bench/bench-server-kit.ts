/**
 * What the hand-written comparison servers share (compiled beside them by `compileBenchServer`):
 * the pool, listening and stopping, and the product summary row of the two catalog servers.
 */
import type { ProductCategory, ProductSummary } from '@lensloop/shared';
import type { FastifyInstance } from 'fastify';
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';

/** The settings TypeORM's mysql driver gets from server/src/infra/database/data-source.ts. */
export function benchPool(): Pool {
  return createPool({
    uri: process.env.DB_URL,
    connectionLimit: Number(process.env.DB_POOL_SIZE ?? 20),
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
}

/** Listens on `PORT`, prints `<name> is running` (what `startServer` waits for), stops on a signal. */
export function serve(app: FastifyInstance, pool: Pool, name: string): void {
  const start = async () => {
    await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
    process.stdout.write(`${name} is running\n`);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void app
          .close()
          .then(() => pool.end())
          .then(
            () => process.exit(0),
            () => process.exit(1),
          );
      });
    }
  };
  start().catch((error: unknown) => {
    process.stderr.write(`${name} failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

export interface SummaryRow extends RowDataPacket {
  id: number;
  name: string;
  name_en: string | null;
  category: ProductCategory;
  brand: string;
  price_from: number;
  image_url: string;
  featured: number;
}

export function toSummary(row: SummaryRow): ProductSummary {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    category: row.category,
    brand: row.brand,
    priceFrom: row.price_from,
    imageUrl: row.image_url,
    featured: row.featured === 1,
  };
}

/** `fallback` when the parameter is absent, null when it is not an integer from 1 to `max`. */
export function positiveInteger(text: string | undefined, fallback: number, max: number): number | null {
  if (text === undefined) return fallback;
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : null;
}
