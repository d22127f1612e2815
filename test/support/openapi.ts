import type { OpenAPIObject } from '@nestjs/swagger';
import { startTestServer } from './test-server';

/** The OpenAPI document as a freshly started server serves it at `/api/docs-json`. */
export async function servedOpenApiDocument(): Promise<OpenAPIObject> {
  // The document depends on the code only, so the embedded database is enough.
  const server = await startTestServer({ database: 'sqljs' });
  try {
    const response = await fetch(`${server.baseUrl}/api/docs-json`);
    if (!response.ok) throw new Error(`/api/docs-json answered ${response.status}`);
    return (await response.json()) as OpenAPIObject;
  } finally {
    await server.stop();
  }
}
