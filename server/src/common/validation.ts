import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ErrorCode, type ErrorDetail } from '@lensloop/shared';
import { DomainError } from './domain-error';

function flatten(errors: ValidationError[], parentPath = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    const here = own.length ? [{ field, message: own.join('; ') }] : [];
    return [...here, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A hand-written check of one DTO for a hot route: the validated value when the input is plainly
 * valid, or null to let class-validator decide (and word the errors) as for any other DTO.
 */
export type FastValidation = (value: unknown) => object | null;

/** An id in a query string as clients write it: what a fast validation accepts without asking class-validator. */
export const PLAIN_QUERY_ID = /^[1-9]\d{0,8}$/;

const FAST_VALIDATIONS = new Map<unknown, FastValidation>();

/**
 * Lets the global pipe take `fast` for `metatype` before class-transformer and class-validator, which
 * cost more than the rest of a cached catalog read. `fast` must accept only input the DTO accepts
 * and answer what the DTO would (a unit test compares both per DTO); anything else returns null.
 */
export function registerFastValidation(metatype: abstract new () => object, fast: FastValidation): void {
  FAST_VALIDATIONS.set(metatype, fast);
}

/** Keys Nest's pipe deletes without a word (against prototype pollution): refused here instead. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first prototype key in a parsed body or query, or null. */
function prototypeKeyPath(value: unknown, parentPath = ''): string | null {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return null;
  for (const key of Object.keys(value)) {
    const path = parentPath ? `${parentPath}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return path;
    const nested = prototypeKeyPath((value as Record<string, unknown>)[key], path);
    if (nested) return nested;
  }
  return null;
}

function validationFailed(details: ErrorDetail[]): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, 'The request is not valid.', details);
}

class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Path parameters reach their own pipe (IdPipe) as the text of the URL: converting them to a
    // number here first would let `+1`, ` 1`, `1e0` and `0x1F` through as ids.
    if (metadata.type === 'param') return value;
    // Nest reads a missing body as {}, and so a JSON `null` too: refused here, or a PATCH whose
    // fields are all optional would answer 200 to it.
    if (metadata.type === 'body' && value === null) {
      throw validationFailed([{ field: 'body', message: 'the body must be a JSON object' }]);
    }
    const fast = FAST_VALIDATIONS.get(metadata.metatype)?.(value);
    if (fast) return fast;
    const prototypeKey = metadata.type === 'custom' ? null : prototypeKeyPath(value);
    if (prototypeKey) {
      throw validationFailed([{ field: prototypeKey, message: `property ${prototypeKey} should not exist` }]);
    }
    return super.transform(value, metadata);
  }
}

/** Validates every body and query at the edge: one detail per field, unknown fields rejected. */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
