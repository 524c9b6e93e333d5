import { describe, expect, it } from 'vitest';
import { CHANNEL_KINDS } from './channel.ts';
import { CHANNELS } from './channel-list.ts';

describe('channel list', () => {
  it('declares every external channel kind once, each with its schemas and inbound path', () => {
    expect(CHANNELS.map((channel) => channel.kind).sort()).toEqual(CHANNEL_KINDS.filter((kind) => kind !== 'widget').sort());
    for (const channel of CHANNELS) {
      expect(channel.inboundPath('ten_1')).toMatch(/ten_1|smtp/);
      expect(channel.sender ?? channel.start).toBeTruthy();
    }
    // Only the WeChat definition registers routes for WeChat and WeCom (one replay guard for both).
    expect(CHANNELS.filter((channel) => channel.routes).map((channel) => channel.kind)).toEqual(['wechat', 'webhook', 'voice']);
  });
});
