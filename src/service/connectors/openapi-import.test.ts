import { describe, expect, it } from 'vitest';
import { MOCK_SHOP_OPENAPI } from './__fixtures__/mock-shop.ts';
import { draftOperation, listOperations, parseOpenApiDocument } from './openapi-import.ts';

describe('OpenAPI import', () => {
  it('lists operations with parameters, body and result fields through local $refs and allOf', () => {
    const operations = listOperations(parseOpenApiDocument(MOCK_SHOP_OPENAPI));
    expect(operations.map((operation) => `${operation.method} ${operation.path} ${operation.operationId}`)).toEqual([
      'GET /v2/orders/{orderId} getOrder', 'GET /v2/orders/{orderId}/tracking getOrderTracking', 'POST /v2/orders/{orderId}/cancellations cancelOrder',
    ]);
    const tracking = operations[1];
    expect(tracking.parameters).toEqual([{ name: 'orderId', in: 'path', required: true }]);
    expect(tracking.resultFields).toEqual(['id', 'state', 'late', 'shipments']);
    expect(operations[2].bodyFields).toEqual(['reason']);
  });

  it('reads JSON too, and refuses Swagger 2, remote $refs and text that is no document', () => {
    const json = JSON.stringify({ openapi: '3.1.0', paths: { '/ping': { get: { responses: { 200: { description: 'ok' } } } } } });
    expect(listOperations(parseOpenApiDocument(json))).toMatchObject([{ operationId: 'get /ping', method: 'GET', resultFields: [] }]);
    expect(() => parseOpenApiDocument(JSON.stringify({ swagger: '2.0', paths: {} }))).toThrow(/OpenAPI 3/);
    expect(() => parseOpenApiDocument('{ not json')).toThrow(/neither valid JSON nor YAML/);
    const remote = { openapi: '3.0.0', paths: { '/x': { get: { responses: { 200: { $ref: 'https://evil.example/responses.yaml' } } } } } };
    expect(() => listOperations(parseOpenApiDocument(JSON.stringify(remote)))).toThrow(/Only local \$refs/);
    const cycle = { openapi: '3.0.0', paths: { '/x': { get: { responses: { 200: { $ref: '#/components/responses/a' } } } } }, components: { responses: { a: { $ref: '#/components/responses/a' } } } };
    expect(() => listOperations(parseOpenApiDocument(JSON.stringify(cycle)))).toThrow(/cycles/);
  });

  it('drafts a mapping from names and lists what is left to map by hand', () => {
    const [, tracking, cancel] = listOperations(parseOpenApiDocument(MOCK_SHOP_OPENAPI));
    expect(draftOperation(cancel, { arguments: ['order_id', 'reason'], resultFields: ['order_id', 'status'] })).toEqual({
      operation: { method: 'POST', path: '/v2/orders/{orderId}/cancellations', query: {}, operationId: 'cancelOrder', body: { reason: '{{reason}}' }, result: {} },
      unmatched: ['path parameter orderId', 'result field order_id', 'result field status'],
    });
    const renamed = { ...tracking, parameters: [{ name: 'order_id', in: 'path' as const, required: true }], resultFields: ['order_id', 'status'] };
    expect(draftOperation(renamed, { arguments: ['order_id'], resultFields: ['order_id', 'status'] })).toMatchObject({ operation: { result: { order_id: '$.order_id', status: '$.status' } }, unmatched: [] });
  });
});
