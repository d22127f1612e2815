import { ApiClient, ApiError, type ErrorDetail, type Transport } from '@lensloop/shared';

/** The shared typed client over HTTP to a test server, so a suite's paths and bodies are type-checked. */
export function apiClient(baseUrl: string, authorization?: string): ApiClient {
  const transport: Transport = async ({ method, path, body, headers }) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return new ApiClient(transport, () => authorization?.replace(/^Bearer /, '') ?? null);
}

export interface ApiFailure {
  status: number;
  code: string;
  details: ErrorDetail[];
}

/** An `ApiError` as a plain object to compare; anything else is rethrown. */
export function apiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiError) return { status: error.status, code: error.code, details: error.details };
  throw error;
}

/** How a typed call failed; throws if it succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<ApiFailure> {
  try {
    await call;
  } catch (error) {
    return apiFailure(error);
  }
  throw new Error('expected the call to fail, but it succeeded');
}
