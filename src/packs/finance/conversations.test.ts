import { describePackConversations } from '../../evaluation/describe-pack-conversations.ts';

// Every *.conv.yaml of the pack runs against the pure engine, as `lingxi test` does.
await describePackConversations('finance', new URL('./tests', import.meta.url), 25);
