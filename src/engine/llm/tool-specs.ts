import { z } from 'zod';
import type { ToolDefinition } from '../tools/define-tool.ts';
import type { ChatToolSpec } from './types.ts';

/** Name of the knowledge-retrieval function the agent adds to the pack's tools. */
export const SEARCH_KNOWLEDGE = 'search_knowledge';

/** Arguments of `search_knowledge`, validated like any pack tool. */
export const searchKnowledgeInput = z.object({
  query: z.string().trim().min(1).max(500).describe("The customer's question, in the customer's language."),
});

/**
 * The function list sent to the model: every pack tool with JSON Schema generated from the same zod schema
 * that validates its arguments at run time (so the two never disagree), plus `search_knowledge`.
 * Write tools say in their description that the engine will ask the customer to confirm.
 */
export function createToolSpecs(tools: Record<string, ToolDefinition<never, unknown, never>>): ChatToolSpec[] {
  const specs = Object.values(tools).map((tool): ChatToolSpec => ({
    type: 'function',
    function: {
      name: tool.name,
      description: tool.write ? `${tool.description} (Changes data: Lingxi asks the customer to confirm before it runs.)` : tool.description,
      parameters: jsonSchema(tool.input),
    },
  }));
  specs.push({
    type: 'function',
    function: {
      name: SEARCH_KNOWLEDGE,
      description: "Search the store's help articles (policies, shipping, returns, warranty, how-to). Answer general questions only from the articles returned.",
      parameters: jsonSchema(searchKnowledgeInput),
    },
  });
  return specs;
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
