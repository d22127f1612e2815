import { applyDecorators, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@lensloop/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DomainError } from './domain-error';

/** The largest value of a signed INT column, the type of every id. */
export const MAX_ID = 2_147_483_647;

/** Parses a path id: a positive integer within the INT column range, else 400 naming the field. */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= MAX_ID)) {
      const field = metadata.data ?? 'id';
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The request is not valid.', [
        { field, message: `${field} must be a positive integer` },
      ]);
    }
    return id;
  }
}

/** An optional id in a query string (`?profileId=12`): a positive integer within the INT range. */
export function OptionalIdQuery(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_ID),
  ) as PropertyDecorator;
}
