import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectFraudCues, FRAUD_HINT, unusualTransfer } from './fraud-cues.ts';

describe('fraud cues', () => {
  it('recognises the classic scams in Chinese and English', () => {
    expect(detectFraudCues('对方说我涉嫌洗钱，要我把钱转到安全账户')).toContain('safe_account');
    expect(detectFraudCues('有个客服打电话让我把验证码告诉他')).toContain('verification_code');
    expect(detectFraudCues('自称公安局的警官说要我配合调查转账')).toContain('impersonation');
    expect(detectFraudCues('他让我下载腾讯会议开屏幕共享')).toContain('remote_control');
    expect(detectFraudCues('网友让我转账投资，还说不要告诉家人')).toEqual(expect.arrayContaining(['urgent_secret_transfer', 'stranger_transfer']));
    expect(detectFraudCues('The caller asked me for the verification code from my text')).toContain('verification_code');
    expect(detectFraudCues('They told me to move my savings to a safe account')).toContain('safe_account');
    expect(detectFraudCues('a police officer says I must transfer my money')).toContain('impersonation');
    expect(detectFraudCues('guaranteed returns, double your money in a month')).toContain('guaranteed_returns');
  });
  it('leaves ordinary banking requests alone', () => {
    for (const text of ['我收不到短信验证码', '查一下余额', '我的卡丢了要挂失', 'I did not get the verification code', 'what is the transfer limit?', '帮我看看账户安全设置']) {
      expect(detectFraudCues(text)).toEqual([]);
      expect(FRAUD_HINT.test(text)).toBe(false);
    }
  });
  it('flags large transfers and transfers of most of the balance', () => {
    expect(unusualTransfer('转 6 万给朋友', 60_000, 200_000).cues).toEqual(['large_amount']);
    expect(unusualTransfer('转 9000', 9_000, 10_000).cues).toEqual(['most_of_balance']);
    expect(unusualTransfer('转 500 给我妈', 500, 10_000).unusual).toBe(false);
  });
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => Array.isArray(detectFraudCues(text))));
  });
});
