import { describe, expect, it } from 'vitest';
import { detectRedFlag } from './red-flags.ts';

describe('detectRedFlag', () => {
  it.each([
    ['我胸口很痛，还出冷汗', 'cardiac'],
    ['I have crushing chest pain', 'cardiac'],
    ['我爸突然嘴歪了，说话不清楚', 'stroke'],
    ["my mom's face is drooping and her speech is slurred", 'stroke'],
    ['他一侧胳膊没劲，抬不起来', 'stroke'],
    ['手指割伤了，血流不止', 'bleeding'],
    ["the cut won't stop bleeding", 'bleeding'],
    ['孩子喘不上气', 'breathing'],
    ["I can't breathe", 'breathing'],
    ['我不想活了', 'suicide'],
    ['I want to kill myself', 'suicide'],
    ['有时候觉得活着没意思', 'suicide'],
    ['奶奶晕倒了叫不醒', 'unconscious'],
    ['我胸口痛', 'cardiac'],
    ['胸口痛', 'cardiac'],
    ['胸痛', 'cardiac'],
    ['确认，不过我现在胸口突然很痛', 'cardiac'],
    ['对了 我今天早上吐了好多血 这个要紧吗', 'internal_bleeding'],
    ['我吐血了', 'internal_bleeding'],
    ['他咳了一大口血', 'internal_bleeding'],
    ['I threw up a lot of blood this morning', 'internal_bleeding'],
    ["I'm vomiting blood", 'internal_bleeding'],
    ['coughing up blood since last night', 'internal_bleeding'],
  ])('flags %s', (text, category) => {
    expect(detectRedFlag(text)?.category).toBe(category);
  });

  it.each([
    '我咳嗽三天了，有点发烧', 'my knee hurts when I climb stairs', '没有胸痛，就是有点咳嗽', 'no chest pain, just a sore throat',
    '我想挂皮肤科的号', 'I want to cancel my appointment', '牙疼得厉害', 'I do not have difficulty breathing',
    '没有吐血，就是胃疼', 'I have not vomited blood, just feel sick', '抽血化验什么时候出结果',
  ])('does not flag %s', (text) => {
    expect(detectRedFlag(text)).toBeNull();
  });

  it('reads traditional Chinese and full-width text', () => {
    expect(detectRedFlag('他突然呼吸困難')?.category).toBe('breathing');
    expect(detectRedFlag('血流不止，怎麼辦')?.category).toBe('bleeding');
    expect(detectRedFlag('ＣＨＥＳＴ ＰＡＩＮ')?.category).toBe('cardiac');
  });

  it('never lets a negation word cancel a self-harm statement', () => {
    expect(detectRedFlag('我真的不想活了')?.category).toBe('suicide');
    expect(detectRedFlag("I don't want to live anymore")?.category).toBe('suicide');
  });
});
