import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';

// What the global pipe does without a fast path, for comparison (the same options).
const classValidator = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

/**
 * class-validator's answer for `value` as a plain object (the fast paths answer plain objects, it
 * answers class instances), or 'rejected': what a fast validation's spec compares against.
 */
export async function classValidatorAnswer(
  value: object,
  metatype: ArgumentMetadata['metatype'],
  type: ArgumentMetadata['type'] = 'query',
): Promise<object | 'rejected'> {
  try {
    return JSON.parse(JSON.stringify(await classValidator.transform(value, { type, metatype }))) as object;
  } catch {
    return 'rejected';
  }
}
