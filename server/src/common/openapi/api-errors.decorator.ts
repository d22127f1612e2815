import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ErrorCode } from '@lensloop/shared';
import { httpStatusOf, type ErrorStatus } from '../domain-error';
import { ErrorBodyDto } from './error-body.dto';

const ERROR_CODES_KEY = 'lensloop:error-codes';

// Typed by ErrorStatus: a status added to httpStatusOf's range needs its text here.
const STATUS_TEXT: Record<ErrorStatus, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  429: 'Too many requests',
  500: 'Internal error',
  502: 'WeChat unavailable',
  503: 'Service unavailable (retry after the Retry-After seconds)',
};

/** Codes grouped by the status `httpStatusOf` gives them, statuses ascending. */
function groupByStatus(codes: readonly ErrorCode[]): [ErrorStatus, ErrorCode[]][] {
  const groups = new Map<ErrorStatus, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = httpStatusOf(code);
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return [...groups].sort(([a], [b]) => a - b);
}

/**
 * Documents the error responses an operation can give: one response per status (taken from
 * `httpStatusOf`, so the document cannot disagree with the exception filter), each with the shared
 * error body and its `code` narrowed to the codes listed. On a controller it applies to every route.
 * Several uses on one method or class add up (`@Roles` brings 401 and 403); a method's status
 * replaces the same status of its controller, so list a controller-wide code again on the method
 * when the method adds codes of that status.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    // Swagger keeps responses on the method function for routes, on the class for controllers.
    const holder: object = descriptor?.value ?? target;
    const before: ErrorCode[] = Reflect.getMetadata(ERROR_CODES_KEY, holder) ?? [];
    const documented = new Set(groupByStatus(before).map(([status]) => status));
    const all = [...before, ...codes];
    Reflect.defineMetadata(ERROR_CODES_KEY, all, holder);
    const decorators = groupByStatus(all).map(([status, group]) =>
      ApiResponse({
        status,
        // Swagger joins the descriptions of a repeated status; the schema of the last one wins.
        description: documented.has(status) ? '' : STATUS_TEXT[status],
        schema: {
          allOf: [
            { $ref: getSchemaPath(ErrorBodyDto) },
            { type: 'object', properties: { code: { type: 'string', enum: group } } },
          ],
        },
      }),
    );
    applyDecorators(ApiExtraModels(ErrorBodyDto), ...decorators)(
      target,
      key as string,
      descriptor as PropertyDescriptor,
    );
  };
}
