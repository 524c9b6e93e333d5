import { describe, expect, it } from 'vitest';
import { fillContactNumbers } from './contact-numbers.ts';

describe('fillContactNumbers', () => {
  const templates = {
    zh: { 'emergency.x': '请立即拨打 {contact.ambulance}，名字 {name} 留给渲染', 'toned': { neutral: '拨打 {contact.ambulance}', warm: '别怕，拨打 {contact.ambulance}' } },
    en: { 'emergency.x': 'Call {contact.ambulance} now' },
  };

  it('puts each locale its own configured number and leaves ordinary placeholders alone', () => {
    const filled = fillContactNumbers(templates, { zh: { ambulance: '120' }, en: { ambulance: '999' } });
    expect(filled.zh['emergency.x']).toBe('请立即拨打 120，名字 {name} 留给渲染');
    expect(filled.zh.toned).toEqual({ neutral: '拨打 120', warm: '别怕，拨打 120' });
    expect(filled.en['emergency.x']).toBe('Call 999 now');
  });

  it('refuses a template whose number is not configured, naming the template', () => {
    expect(() => fillContactNumbers(templates, { zh: { ambulance: '120' }, en: {} })).toThrow(/templates\/en.yaml: emergency.x.*contact.ambulance/);
  });

  it('refuses a placeholder number such as 95xxx', () => {
    expect(() => fillContactNumbers(templates, { zh: { ambulance: '95xxx' }, en: { ambulance: '911' } })).toThrow(/placeholder/);
    expect(() => fillContactNumbers(templates, { zh: { ambulance: '400-XXX-XXXX' }, en: { ambulance: '911' } })).toThrow(/placeholder/);
    expect(() => fillContactNumbers({ zh: { 'handoff.waiting': '请拨打热线 95xxx' }, en: {} }, { zh: {}, en: {} })).toThrow(/handoff.waiting.*placeholder/);
  });
});
