import { describePackConversations } from '../../evaluation/describe-pack-conversations.ts';

// Every *.conv.yaml of the pack runs against the pure engine, as `lingxi test` does.
await describePackConversations('e-commerce', new URL('./tests', import.meta.url), 60);
