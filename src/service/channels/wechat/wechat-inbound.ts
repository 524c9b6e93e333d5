import type { Locale } from '../../../engine/types.ts';

const kindText: Record<string, { zh: string; en: string }> = {
  image: { zh: '[图片]', en: '[image]' }, video: { zh: '[视频]', en: '[video]' }, shortvideo: { zh: '[视频]', en: '[video]' }, location: { zh: '[位置]', en: '[location]' },
  link: { zh: '[链接]', en: '[link]' }, file: { zh: '[文件]', en: '[file]' }, voice: { zh: '[语音]', en: '[voice]' },
};

/** What an agent sees for a WeChat/WeCom message without text ("[图片]" / "[image]"), so they know something arrived. */
export function placeholderText(messageType: string, locale: Locale): string {
  return (kindText[messageType] ?? { zh: `[${messageType}]`, en: `[${messageType}]` })[locale];
}
