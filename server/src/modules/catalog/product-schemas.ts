/**
 * Fastify response schemas of the catalog's hot reads: Fastify serialises the answers with
 * fast-json-stringify instead of `JSON.stringify`. They list exactly the fields of the shared types
 * (`ProductSummary`, `ProductDetail`, `Page`): a field missing here would be dropped from the answer,
 * which the catalog e2e tests would show.
 */
const PRODUCT_SUMMARY_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    nameEn: { type: ['string', 'null'] },
    category: { type: 'string' },
    brand: { type: 'string' },
    priceFrom: { type: 'integer' },
    imageUrl: { type: 'string' },
    featured: { type: 'boolean' },
  },
} as const;

export const PRODUCT_PAGE_RESPONSE = {
  response: {
    200: {
      type: 'object',
      properties: {
        items: { type: 'array', items: PRODUCT_SUMMARY_SCHEMA },
        total: { type: 'integer' },
        page: { type: 'integer' },
        pageSize: { type: 'integer' },
      },
    },
  },
};

export const PRODUCT_DETAIL_RESPONSE = {
  response: {
    200: {
      type: 'object',
      properties: {
        ...PRODUCT_SUMMARY_SCHEMA.properties,
        description: { type: 'string' },
        skus: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              code: { type: 'string' },
              attributes: { type: 'object', additionalProperties: { type: 'string' } },
              price: { type: 'integer' },
              stock: { type: 'integer' },
              powerRange: {
                anyOf: [
                  { type: 'null' },
                  {
                    type: 'object',
                    properties: {
                      sphereMin: { type: 'integer' },
                      sphereMax: { type: 'integer' },
                      cylinderMax: { type: 'integer' },
                      addMin: { type: ['integer', 'null'] },
                      addMax: { type: ['integer', 'null'] },
                    },
                  },
                ],
              },
            },
          },
        },
        lensOptions: { type: 'array', items: PRODUCT_SUMMARY_SCHEMA },
      },
    },
  },
};
