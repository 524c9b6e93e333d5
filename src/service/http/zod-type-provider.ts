import type { FastifyInstance, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';

/** Lets route handlers see `request.body` etc. as the parsed zod output types. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** "body.text: Too big: expected string to have <=4000 characters; body.clientId: Required" */
export function describeZodError(error: z.ZodError, where: string): string {
  return error.issues.slice(0, 5).map((issue) => `${[where, ...issue.path].join('.')}: ${issue.message}`).join('; ');
}

const isZod = (schema: unknown): schema is z.ZodType => schema instanceof z.ZodType;

/**
 * Zod validates every request part and every response (responses are parsed, which also strips fields the schema
 * does not list — e.g. password hashes can never leak). OpenAPI documents are produced from the same schemas.
 */
export function installZod(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (data) => {
    if (!isZod(schema)) return { value: data };
    const result = schema.safeParse(data);
    return result.success
      ? { value: result.data }
      : { error: new LingxiError('validation_failed', `Invalid request: ${describeZodError(result.error, httpPart === 'querystring' ? 'query' : httpPart ?? 'input')}`) };
  });
  app.setSerializerCompiler(({ schema }) => (data) => {
    if (!isZod(schema)) return JSON.stringify(data);
    const result = schema.safeParse(data);
    if (!result.success) throw new LingxiError('internal', `response did not match its schema: ${describeZodError(result.error, 'response')}`);
    return JSON.stringify(result.data);
  });
}

const toJson = (schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
};

/** @fastify/swagger `transform`: zod schemas → JSON Schema (request as input types, responses as output types). */
export function zodSwaggerTransform({ schema, url }: { schema: Record<string, unknown>; url: string }) {
  if (!schema) return { schema, url };
  const transformed: Record<string, unknown> = { ...schema };
  for (const part of ['body', 'querystring', 'params', 'headers']) {
    if (isZod(schema[part])) transformed[part] = toJson(schema[part] as z.ZodType, 'input');
  }
  if (schema.response && typeof schema.response === 'object') {
    transformed.response = Object.fromEntries(Object.entries(schema.response as Record<string, unknown>).map(([code, value]) => [code, isZod(value) ? toJson(value, 'output') : value]));
  }
  return { schema: transformed, url };
}
