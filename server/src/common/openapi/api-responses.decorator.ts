import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** A `Page<T>` answer: `{ items, total, page, pageSize }` with `items` of the given DTO. */
export function ApiPageResponse(model: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description: 'One page of the list.',
      schema: {
        type: 'object',
        required: ['items', 'total', 'page', 'pageSize'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          total: { type: 'integer', description: 'Rows in the whole list.' },
          page: { type: 'integer', example: 1 },
          pageSize: { type: 'integer', example: 20 },
        },
      },
    }),
  );
}

/** A reference to each DTO, for a property or an answer that is one of several shapes. */
export function oneOfModels(...models: Type<unknown>[]): { oneOf: { $ref: string }[] } {
  return { oneOf: models.map((model) => ({ $ref: getSchemaPath(model) })) };
}
