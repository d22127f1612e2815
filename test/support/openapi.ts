import { startTestServer } from './test-server';

/** The parts of an OpenAPI 3.0 document the contract tests read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
  [key: string]: unknown;
}

/** The OpenAPI document as a freshly started server serves it at `/api/docs-json`. */
export async function servedOpenApiDocument(): Promise<OpenApiDocument> {
  // The document depends on the code only, so the embedded database is enough.
  const server = await startTestServer({ database: 'sqljs' });
  try {
    const response = await fetch(`${server.baseUrl}/api/docs-json`);
    if (!response.ok) throw new Error(`/api/docs-json answered ${response.status}`);
    return (await response.json()) as OpenApiDocument;
  } finally {
    await server.stop();
  }
}
