import { useI18n } from '../i18n.tsx';
import { Badge } from './ui.tsx';

type ChannelLabelKey = 'channelWidget' | 'channelWechat' | 'channelWecom' | 'channelEmail' | 'channelWebhook' | 'channelVoice';
const labelKeys: Record<string, ChannelLabelKey> = {
  widget: 'channelWidget', wechat: 'channelWechat', wecom: 'channelWecom', email: 'channelEmail', webhook: 'channelWebhook', voice: 'channelVoice',
};
const tones: Record<string, 'gray' | 'blue' | 'green' | 'amber' | 'violet'> = { widget: 'gray', wechat: 'green', wecom: 'blue', email: 'amber', webhook: 'violet', voice: 'violet' };

/** Where the customer writes from (widget, WeChat, WeCom, e-mail, webhook, phone): replies go back through it. */
export function ChannelBadge({ channel }: { channel: string | null | undefined }) {
  const { t } = useI18n();
  const kind = channel ?? 'widget';
  const key = labelKeys[kind];
  return <Badge tone={tones[kind] ?? 'gray'} title={`${t.channelLabel}: ${kind}`}><span data-channel={kind}>{key ? t[key] : kind}</span></Badge>;
}
