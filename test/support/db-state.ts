import { readdirSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import type { TestServer } from './test-server';

/** `CHECKSUM TABLE` of every table (minus `excluded`) and the number of uploaded files. */
export async function databaseState(
  server: TestServer,
  excluded: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const tables: { name: string }[] = await server.dataSource.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const names = tables.map((table) => table.name).filter((name) => !excluded.has(name));
  const state = new Map<string, string>();
  const rows: { Table: string; Checksum: string | number | null }[] = await server.dataSource.query(
    `CHECKSUM TABLE ${names.map((name) => `\`${name}\``).join(', ')}`,
  );
  for (const row of rows) state.set(row.Table.replace(/^.*\./, ''), String(row.Checksum));
  state.set('(uploaded files)', String(readdirSync(server.config.tradeIns.uploadDirectory).length));
  return state;
}

/** The tables whose checksum differs between two states. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((name) => before.get(name) !== after.get(name));
}

export interface RawResponse {
  /** 0 when the connection was closed without an answer (the error code is then the body). */
  status: number;
  body: string;
}

/** Node's HTTP parser limit on the request line and headers (`--max-http-header-size`, 16 KiB). */
export const MAX_HEADER_BYTES = 16 * 1024;

/** Keep-alive connections so tens of thousands of requests do not each open a socket. */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/**
 * Sends exactly these bytes with these headers (fetch refuses a body on GET and rewrites some
 * headers; supertest adds its own content type).
 */
export function sendRaw(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  payload?: string | Buffer,
  retried = false,
): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method,
        // The one retry goes on a connection of its own, never on another socket being closed.
        agent: retried ? false : agent,
        headers:
          payload === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close a kept-alive socket after answering a request whose body it did not
      // read; a request that raced onto that socket is sent once more (Node's advice).
      if (!retried && error.code === 'ECONNRESET') {
        resolve(sendRaw(baseUrl, method, path, headers, payload, true));
      } else if (error.code === 'ECONNRESET' || error.code === 'EPIPE')
        resolve({ status: 0, body: error.code });
      else reject(error);
    });
    outgoing.end(payload);
  });
}

/** Closes the keep-alive sockets so jest can exit. */
export function closeRawConnections(): void {
  agent.destroy();
}

/** Runs `tasks` with at most `concurrency` at a time. */
export async function runPool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}
