import type { OpenAPIV3 } from 'openapi-types';
import { parse as parseYaml } from 'yaml';
import { LingxiError } from '../../engine/errors.ts';
import type { Operation } from './connector-config.ts';
import type { Mapping } from './response-mapping.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** One operation of an imported OpenAPI 3 document, as the admin picks from. */
export interface ImportedOperation {
  operationId: string;
  method: Operation['method'];
  path: string;
  summary: string;
  /** Path and query parameters by name, and whether each is required. */
  parameters: Array<{ name: string; in: 'path' | 'query'; required: boolean }>;
  /** Top-level properties of the JSON request body. */
  bodyFields: string[];
  /** Top-level properties of the JSON answer of the first 2xx response. */
  resultFields: string[];
}

type Document = OpenAPIV3.Document;

/**
 * Parses an OpenAPI 3.x document (JSON or YAML text). Only local `$ref`s (`#/components/…`) are followed: a document
 * pasted into the admin must not make the server fetch other URLs. Swagger 2 and documents without paths are refused.
 */
export function parseOpenApiDocument(text: string): Document {
  let document: unknown;
  try {
    document = text.trim().startsWith('{') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new LingxiError('validation_failed', `The OpenAPI document is neither valid JSON nor YAML: ${(error as Error).message}`);
  }
  const candidate = document as Partial<Document> | null;
  if (!candidate || typeof candidate !== 'object' || typeof candidate.openapi !== 'string' || !candidate.openapi.startsWith('3.')) {
    throw new LingxiError('validation_failed', 'Only OpenAPI 3.x documents can be imported (the "openapi" field must say 3.0 or 3.1).');
  }
  if (!candidate.paths || typeof candidate.paths !== 'object') throw new LingxiError('validation_failed', 'The OpenAPI document has no paths.');
  return candidate as Document;
}

/** Follows a local `$ref` (with a depth limit against cycles). */
function resolve<T>(document: Document, value: T | OpenAPIV3.ReferenceObject | undefined, depth = 0): T | undefined {
  if (!value || typeof value !== 'object' || !('$ref' in value)) return value as T | undefined;
  if (depth > 20) throw new LingxiError('validation_failed', 'The OpenAPI document has $ref cycles.');
  const ref = value.$ref;
  if (!ref.startsWith('#/')) throw new LingxiError('validation_failed', `Only local $refs are followed (${ref} is not).`);
  let target: unknown = document;
  for (const part of ref.slice(2).split('/').map((piece) => piece.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[part] : undefined;
  }
  if (target === undefined) throw new LingxiError('validation_failed', `The OpenAPI document has no ${ref}.`);
  return resolve<T>(document, target as T, depth + 1);
}

function propertiesOf(document: Document, schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject | undefined): string[] {
  const resolved = resolve<OpenAPIV3.SchemaObject>(document, schema);
  if (!resolved) return [];
  const own = Object.keys(resolved.properties ?? {});
  const combined = [...(resolved.allOf ?? [])].flatMap((part) => propertiesOf(document, part));
  return [...new Set([...own, ...combined])];
}

const jsonSchemaOf = (document: Document, content: Record<string, OpenAPIV3.MediaTypeObject> | undefined) =>
  content ? Object.entries(content).find(([type]) => type.includes('json'))?.[1]?.schema : undefined;

/** Every operation of the document, in document order, with what the admin needs to pick and map it. */
export function listOperations(document: Document): ImportedOperation[] {
  const operations: ImportedOperation[] = [];
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const item = resolve<OpenAPIV3.PathItemObject>(document, rawItem as OpenAPIV3.PathItemObject);
    if (!item) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
        .map((parameter) => resolve<OpenAPIV3.ParameterObject>(document, parameter))
        .filter((parameter): parameter is OpenAPIV3.ParameterObject => Boolean(parameter) && (parameter!.in === 'path' || parameter!.in === 'query'))
        .map((parameter) => ({ name: parameter.name, in: parameter.in as 'path' | 'query', required: parameter.in === 'path' || parameter.required === true }));
      const body = resolve<OpenAPIV3.RequestBodyObject>(document, operation.requestBody);
      const success = Object.entries(operation.responses ?? {}).find(([code]) => /^2\d\d$/.test(code))?.[1];
      const response = resolve<OpenAPIV3.ResponseObject>(document, success);
      operations.push({
        operationId: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase() as Operation['method'],
        path,
        summary: (operation.summary ?? operation.description ?? '').slice(0, 300),
        parameters,
        bodyFields: propertiesOf(document, jsonSchemaOf(document, body?.content)),
        resultFields: propertiesOf(document, jsonSchemaOf(document, response?.content)),
      });
    }
  }
  return operations;
}

/**
 * A first mapping of a tool onto an imported operation: parameters and body fields named like the tool's arguments take
 * them (`{order_id}` / `{{order_id}}`), result fields named like the contract's take them (`$.status`). `unmatched`
 * lists what the admin still has to map by hand (required parameters no argument feeds, result fields not found).
 */
export function draftOperation(operation: ImportedOperation, tool: { arguments: string[]; resultFields: string[] }): { operation: Operation; unmatched: string[] } {
  const unmatched: string[] = [];
  const known = new Set([...tool.arguments, 'customer_id', 'conversation_id']);
  for (const parameter of operation.parameters) {
    if (parameter.required && !known.has(parameter.name)) unmatched.push(`${parameter.in} parameter ${parameter.name}`);
  }
  const query = Object.fromEntries(operation.parameters.filter((parameter) => parameter.in === 'query' && known.has(parameter.name)).map((parameter) => [parameter.name, `{{${parameter.name}}}`]));
  const bodyFields = operation.bodyFields.filter((field) => known.has(field));
  const result: Record<string, Mapping> = {};
  for (const field of tool.resultFields) {
    if (operation.resultFields.includes(field)) result[field] = `$.${field}`;
    else unmatched.push(`result field ${field}`);
  }
  return {
    operation: {
      method: operation.method, path: operation.path, query, operationId: operation.operationId,
      ...(operation.method !== 'GET' && operation.bodyFields.length ? { body: Object.fromEntries(bodyFields.map((field) => [field, `{{${field}}}`])) } : {}),
      result: tool.resultFields.length ? result : '$',
    },
    unmatched,
  };
}
