import { describe, expect, it } from 'vitest';
import { notices } from './reply-messages.ts';

describe('notices', () => {
  it('titles an agent 客服 once, whether or not the name already says so', () => {
    expect(notices.joined('小王')).toEqual({ zh: '客服 小王 已接入', en: '小王 joined the conversation' });
    expect(notices.joined('客服 Agent')).toEqual({ zh: '客服 Agent 已接入', en: '客服 Agent joined the conversation' });
    expect(notices.transferred('小王').zh).toBe('已转接给客服 小王');
    expect(notices.transferred('客服 Agent').zh).toBe('已转接给客服 Agent');
  });
});
