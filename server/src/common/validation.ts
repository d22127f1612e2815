import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** Validates every body and query at the edge: one detail per field, unknown fields rejected. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new DomainError(ErrorCode.VALIDATION_FAILED, 'The request is not valid.', flatten(errors)),
  });
}
