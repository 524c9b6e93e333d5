import { describe, expect, it } from 'vitest';
import { detectSpeech, finalTranscript, speechLanguage, spokenText } from '../../web/widget/speech.ts';

// Widget voice helpers (web/widget/speech.ts). They live here because vitest collects src/** and test/** only.
describe('widget speech feature detection', () => {
  class FakeRecognition {}
  class FakeUtterance {}
  const synthesis = { speak() {}, cancel() {} };

  it('finds the standard and the WebKit-prefixed recognition and a usable synthesis', () => {
    expect(detectSpeech({ SpeechRecognition: FakeRecognition, speechSynthesis: synthesis, SpeechSynthesisUtterance: FakeUtterance })).toEqual({ recognition: FakeRecognition, synthesis });
    expect(detectSpeech({ webkitSpeechRecognition: FakeRecognition }).recognition).toBe(FakeRecognition);
  });

  it('reports nothing where the browser has nothing (controls stay hidden)', () => {
    expect(detectSpeech({})).toEqual({ recognition: null, synthesis: null });
    expect(detectSpeech({ SpeechRecognition: 'not a constructor', speechSynthesis: synthesis })).toEqual({ recognition: null, synthesis: null });
    expect(detectSpeech({ speechSynthesis: {}, SpeechSynthesisUtterance: FakeUtterance }).synthesis).toBeNull();
  });

  it('speaks the widget locale', () => {
    expect(speechLanguage('zh')).toBe('zh-CN');
    expect(speechLanguage('en')).toBe('en-US');
  });
});

describe('widget spoken text', () => {
  it('keeps link labels and drops URLs, Markdown marks, bullets and emoji', () => {
    expect(spokenText('**退货**请看[退货政策](https://shop.example/returns) 👍\n- 保留包装\n详情 https://x.example')).toBe('退货请看退货政策\n保留包装\n详情');
    expect(spokenText('# Order `W1234567` is _on its way_ 🚚')).toBe('Order W1234567 is on its way');
    expect(spokenText('https://only.example/link')).toBe('');
  });

  it('caps very long replies', () => {
    expect(spokenText('字'.repeat(5000))).toHaveLength(800);
  });
});

describe('widget recognition results', () => {
  const result = (transcript: string, isFinal: boolean) => Object.assign([{ transcript }], { isFinal });
  it('joins the new results and tells whether they are final', () => {
    expect(finalTranscript({ resultIndex: 1, results: [result('old', true), result(' 我的订单', false), result('到哪了 ', true)] })).toEqual({ text: '我的订单到哪了', final: true });
    expect(finalTranscript({ resultIndex: 0, results: [result('where is', false)] })).toEqual({ text: 'where is', final: false });
  });
});
