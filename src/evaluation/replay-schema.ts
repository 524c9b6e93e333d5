import { z } from 'zod';

/** One scripted replay, exactly as ../shared/eval/REPLAY.md specifies. */
export const replaySchema = z.object({
  id: z.string().min(1),
  pack: z.string().default('ecommerce'),
  locale: z.enum(['zh', 'en']),
  db: z.string().default('tau-retail'),
  turns: z.array(z.string()).min(1),
  facts: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
  expect: z.object({
    actions: z.array(z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()) })).default([]),
    outputs: z.array(z.string()).default([]),
  }),
});

export type Replay = z.infer<typeof replaySchema>;

export const replayFileSchema = z.union([replaySchema, z.array(replaySchema)]);
