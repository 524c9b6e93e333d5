import type { ConversationEngine } from '../../engine/dialogue/types.ts';

/**
 * Typical first messages, Chinese and English: greetings, order tracking, returns, shipping, payment, complaints,
 * hand-off, thanks. They reach every stage of a turn (tokenizer, intent classifier, entities, sentiment, knowledge
 * retrieval, the dialogue policy) without confirming anything, so no tool writes.
 */
const SAMPLE_MESSAGES = [
  '你好', '我的订单到哪了', '退货政策是什么', '运费怎么算', '可以开发票吗', '怎么付款', '东西坏了怎么办', '太慢了，我很生气',
  '转人工', '谢谢', '我想换个尺码', '订单号 W1234567 查一下',
  'hello', 'where is my order', 'what is your return policy', 'how long does shipping take', 'can I pay by card',
  'my item arrived broken', 'this is taking forever, I am really upset', 'talk to a human', 'thanks!', 'I want to exchange the size',
  'track order #W1234567', 'do you ship abroad',
];

/**
 * Runs a few rounds of sample messages through an offline engine and throws the results away, so that the first real
 * customers after a start do not pay for the JIT compiling the engine's hot paths and its lazy caches filling: in the
 * service benchmark almost all slow replies fell in the first seconds after a start (docs/benchmarks.md, scale-out).
 * Only for offline engines — an LLM engine would call its provider. Returns the milliseconds spent; never throws.
 */
export async function warmUpEngine(engine: ConversationEngine, rounds = 3): Promise<number> {
  const started = performance.now();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [index, text] of SAMPLE_MESSAGES.entries()) {
        const { state } = engine.start({ id: `warm-up-${round}-${index}`, locale: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en' });
        await engine.handle(state, { text });
      }
    }
  } catch {
    // A warm-up turn that fails changes nothing: real turns report their own errors.
  }
  return performance.now() - started;
}
