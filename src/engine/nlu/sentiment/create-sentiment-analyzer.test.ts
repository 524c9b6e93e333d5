import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LingxiError } from '../../errors.ts';
import { createTokenizer } from '../../text/tokenize.ts';
import { createSentimentAnalyzer } from './create-sentiment-analyzer.ts';

const analyzer = createSentimentAnalyzer({}, { tokenizer: createTokenizer() });
const analyze = (text: string, previous?: string[]) => analyzer.analyze(text, { previous });
const polarity = (text: string) => analyze(text).polarity;

describe('createSentimentAnalyzer: polarity', () => {
  it('reads plain Chinese and English praise and complaints', () => {
    expect(analyze('东西很好，物流也快，非常满意').label).toBe('positive');
    expect(analyze('质量太差了，再也不会买了').label).toBe('negative');
    expect(analyze('Great product, fast delivery, thank you!').label).toBe('positive');
    expect(analyze('Terrible quality, it broke on the first day.').label).toBe('negative');
  });

  it('handles negation, including double negation', () => {
    expect(analyze('不是不满意').label).not.toBe('negative');
    expect(polarity('不是不满意')).toBeGreaterThan(polarity('不满意'));
    expect(analyze('没有想象中好').label).toBe('negative');
    expect(analyze('不是很满意').label).toBe('negative');
    expect(analyze('not bad').label).toBe('positive');
    expect(analyze('not good at all').label).toBe('negative');
    expect(analyze("I don't like it").label).toBe('negative');
    expect(polarity('not happy')).toBeLessThan(0);
  });

  it('lets intensifiers strengthen and softeners weaken', () => {
    expect(polarity('very good')).toBeGreaterThan(polarity('good'));
    expect(polarity('slightly disappointed')).toBeGreaterThan(polarity('extremely disappointed'));
    expect(polarity('非常失望')).toBeLessThan(polarity('有点失望'));
  });

  it('reads emoji', () => {
    expect(analyze('😡😡😡').label).toBe('negative');
    expect(analyze('👍😊').label).toBe('positive');
    expect(polarity('收到了😊')).toBeGreaterThan(polarity('收到了😭'));
    expect(polarity('ok 👍')).toBeGreaterThan(polarity('ok 👎'));
  });

  it('reads 网络用语', () => {
    for (const text of ['无语', '垃圾', '坑爹', '醉了', '差评', '太坑了', '真是服了']) expect(analyze(text).label, text).toBe('negative');
    for (const text of ['给力', '好评', 'yyds', '点赞']) expect(analyze(text).label, text).toBe('positive');
  });

  it('keeps neutral questions neutral', () => {
    expect(analyze('How do I change my shipping address?')).toMatchObject({ label: 'neutral', emotion: 'neutral' });
    expect(analyze('请问可以开发票吗')).toMatchObject({ label: 'neutral', emotion: 'neutral' });
    expect(analyze('')).toEqual({ polarity: 0, label: 'neutral', emotion: 'neutral', urgency: 0 });
  });

  // Issue 28 item 5: asking for a person, declining, or an off-topic question is not a negative feeling.
  it('reads requests, refusals and plain yes/no questions as neutral, and keeps the sign', () => {
    for (const text of ['我要找人工客服', '帮我转人工', '不需要了', '不要了', '你们招聘吗', '你们还招人吗', 'I want to talk to a human', 'no thanks', 'I do not need it anymore', 'are you hiring?']) {
      expect({ text, label: analyze(text).label }).toEqual({ text, label: 'neutral' });
    }
    expect(polarity('你们招聘吗')).toBeLessThan(0);
  });

  // Tasks asked of the service ("那单一共花了多少", "付款改成支付宝") read negative to a review model; no apology for them.
  it('reads plain service tasks as neutral', () => {
    for (const text of ['周晨阳 15253015641，4月中旬买的那辆推车那单一共花了多少', '还没发货的面霜那单，付款改成支付宝；上周收到的香水换成花香调的', '麻烦帮我查一下上个月那单什么时候到', 'Two changes please: make the stroller black, and update my default address', 'could you cancel the order I placed yesterday?']) {
      expect({ text, label: analyze(text).label }).toEqual({ text, label: 'neutral' });
    }
  });

  it('still reads complaints phrased as requests or questions as negative', () => {
    for (const text of ['我要投诉，你们太差劲了', '气死我了，我要找人工', '快递一周了还没到吗？太坑了', 'This is terrible, I want a human now', '东西坏了，很失望，不要了', '你们什么破服务，帮我取消订单', 'this is ridiculous, cancel my order now']) {
      expect({ text, label: analyze(text).label }).toEqual({ text, label: 'negative' });
    }
  });
});

describe('createSentimentAnalyzer: emotion', () => {
  const cases: Array<[string, string]> = [
    ['anger', '你们太过分了，快递丢了还不赔，我要投诉！'],
    ['anger', 'This is a scam, I want my money back and I will report you!'],
    ['anxiety', '钱已经扣了可是订单没有了，会不会退回来啊，好担心'],
    ['anxiety', "I'm really worried, my refund still hasn't arrived and I need the money."],
    ['disappointment', '收到的杯子有裂缝，和图片上的也不一样，挺失望的'],
    ['disappointment', 'Unfortunately the jacket looks cheap, not what I expected.'],
    ['satisfaction', '问题解决了，谢谢客服，服务很好'],
    ['satisfaction', 'Thank you so much, the replacement arrived and it works perfectly!'],
    ['neutral', '请问周日可以送货吗'],
    ['neutral', 'Can I change the delivery address for order #W1234567?'],
  ];
  it.each(cases)('%s: %s', (emotion, text) => {
    expect(analyze(text).emotion).toBe(emotion);
  });

  it('explains its answer with emotion probabilities that sum to 1', () => {
    const explanation = analyzer.explain('气死我了😡');
    const total = Object.values(explanation.emotions).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 2);
    expect(explanation.sentiment.emotion).toBe('anger');
    expect(explanation.lexiconValence).toBeLessThan(0);
  });
});

describe('createSentimentAnalyzer: urgency', () => {
  it('rises with urgency words in both languages', () => {
    expect(analyze('请马上给我处理').urgency).toBeGreaterThan(analyze('请给我处理').urgency + 0.3);
    expect(analyze('赶紧退款，立刻！').urgency).toBeGreaterThan(0.5);
    expect(analyze('Please fix this ASAP').urgency).toBeGreaterThan(analyze('Please fix this').urgency + 0.3);
    expect(analyze('I need it right now, urgent').urgency).toBeGreaterThan(0.6);
  });

  it('rises with capitals and runs of exclamation marks', () => {
    expect(analyze('WHERE IS MY ORDER').urgency).toBeGreaterThan(analyze('where is my order').urgency + 0.3);
    expect(analyze('还没发货！！！').urgency).toBeGreaterThan(analyze('还没发货').urgency + 0.25);
    expect(analyze('still not shipped!!!').urgency).toBeGreaterThan(analyze('still not shipped').urgency + 0.25);
  });

  it('rises when the customer repeats an earlier message', () => {
    const alone = analyze('我的快递到哪了').urgency;
    expect(analyze('我的快递到哪了', ['你好', '我的快递到哪了']).urgency).toBeGreaterThan(alone + 0.3);
    expect(analyze('我的快递到哪了？？', ['我的快递到哪了', '我的快递到哪了？']).urgency).toBeGreaterThan(0.6);
    expect(analyze('where is my parcel', ['Where is my parcel?']).urgency).toBeGreaterThan(0.4);
  });

  it('stays low for a calm question', () => {
    expect(analyze('请问什么时候发货').urgency).toBeLessThan(0.3);
    expect(analyze('What are your opening hours?').urgency).toBeLessThan(0.3);
  });
});

describe('createSentimentAnalyzer: robustness', () => {
  it('never throws on random text and stays in range', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }), (text, previous) => {
        const sentiment = analyzer.analyze(text, { previous });
        expect(sentiment.polarity).toBeGreaterThanOrEqual(-1);
        expect(sentiment.polarity).toBeLessThanOrEqual(1);
        expect(sentiment.urgency).toBeGreaterThanOrEqual(0);
        expect(sentiment.urgency).toBeLessThanOrEqual(1);
        expect(['positive', 'neutral', 'negative']).toContain(sentiment.label);
        expect(['anger', 'anxiety', 'disappointment', 'satisfaction', 'neutral']).toContain(sentiment.emotion);
      }),
      { numRuns: 300 },
    );
  });

  it('handles very long input', () => {
    expect(() => analyze('太慢了！'.repeat(5000))).not.toThrow();
  });

  it('rejects a malformed model or config', () => {
    const tokenizer = createTokenizer();
    expect(() => createSentimentAnalyzer({ model: { polarity: {} } as never }, { tokenizer })).toThrow(LingxiError);
    expect(() => createSentimentAnalyzer({ neutralBand: 2 }, { tokenizer })).toThrow(/neutralBand/);
  });
});
