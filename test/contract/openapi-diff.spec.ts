import type { OpenApiDocument } from '../support/openapi';
import { breakingChanges } from '../support/openapi-diff';

function document(
  orderSchema: object,
  requestSchema: object,
  paths: string[] = ['/api/v1/orders/{id}'],
): OpenApiDocument {
  const operation = {
    requestBody: { content: { 'application/json': { schema: requestSchema } } },
    responses: {
      '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderDto' } } } },
    },
  };
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: Object.fromEntries(paths.map((path) => [path, { post: operation }])),
    components: { schemas: { OrderDto: orderSchema } },
  } as unknown as OpenApiDocument;
}

const order = {
  type: 'object',
  required: ['id', 'status'],
  properties: { id: { type: 'number' }, status: { type: 'string', enum: ['paid', 'cancelled'] } },
};
const request = {
  type: 'object',
  required: ['storeId'],
  properties: { storeId: { type: 'number' }, fulfilment: { type: 'string', enum: ['pickup', 'delivery'] } },
};

describe('breakingChanges', () => {
  it('should find nothing when the documents are the same', () => {
    expect(breakingChanges(document(order, request), document(order, request))).toEqual([]);
  });

  it('should report a removed operation', () => {
    expect(breakingChanges(document(order, request), document(order, request, []))).toEqual([
      'POST /api/v1/orders/{id}: removed',
    ]);
  });

  it('should report a renamed response field as removed', () => {
    const renamed = {
      ...order,
      properties: { orderId: order.properties.id, status: order.properties.status },
    };
    expect(breakingChanges(document(order, request), document(renamed, request))).toEqual([
      'POST /api/v1/orders/{id} 200.id: removed',
    ]);
  });

  it('should report narrowed and retyped request fields and a new required one', () => {
    const narrowed = {
      type: 'object',
      required: ['storeId', 'fulfilment'],
      properties: { storeId: { type: 'string' }, fulfilment: { type: 'string', enum: ['pickup'] } },
    };
    expect(breakingChanges(document(order, request), document(order, narrowed))).toEqual([
      'POST /api/v1/orders/{id} body.storeId: type number became string',
      'POST /api/v1/orders/{id} body.fulfilment: no longer accepts delivery',
      'POST /api/v1/orders/{id} body.fulfilment: became required',
    ]);
  });

  it('should accept added optional fields and widened request enums', () => {
    const wider = {
      ...request,
      properties: {
        ...request.properties,
        note: { type: 'string' },
        fulfilment: { type: 'string', enum: ['pickup', 'delivery', 'courier'] },
      },
    };
    expect(breakingChanges(document(order, request), document(order, wider))).toEqual([]);
  });
});
