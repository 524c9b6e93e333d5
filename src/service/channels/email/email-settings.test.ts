import { describe, expect, it } from 'vitest';
import { emailSettingsOf, loadEmailListenerOptions } from './email-settings.ts';

describe('email channel configuration', () => {
  it('starts no listener unless a port is set; option beats environment beats default', () => {
    expect(loadEmailListenerOptions({}, {})).toEqual({ smtpPort: undefined, smtpHost: '0.0.0.0', smtpMaxBytes: 10 * 1024 * 1024, smtpHostname: 'lingxi.local' });
    expect(loadEmailListenerOptions({}, { LINGXI_SMTP_PORT: '2525', LINGXI_SMTP_MAX_BYTES: '1000' })).toMatchObject({ smtpPort: 2525, smtpMaxBytes: 1000 });
    expect(loadEmailListenerOptions({ smtpPort: 0 }, { LINGXI_SMTP_PORT: '2525' }).smtpPort).toBe(0);
  });

  it('names the variable of a bad value, and the field of bad tenant settings', () => {
    expect(() => loadEmailListenerOptions({}, { LINGXI_SMTP_PORT: 'seventy' })).toThrow(/LINGXI_SMTP_PORT/);
    expect(() => emailSettingsOf({ tenantId: 't1', settings: { inboundAddresses: [] } })).toThrow(/inboundAddresses: list at least one inbound address/);
    expect(emailSettingsOf({ tenantId: 't1', settings: { inboundAddresses: [' Support@Shop.Example '] } })).toMatchObject({ inboundAddresses: ['support@shop.example'], defaultSubject: { zh: '您的咨询', en: 'Your enquiry' } });
  });
});
