import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature, type FormParameters } from './twilio-signature.ts';

// Twilio's published request-validation vector (twilio.com/docs/usage/security; the SDKs' RequestValidator tests).
const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMETERS: FormParameters = [['Digits', '1234'], ['To', '+18005551212'], ['From', '+14158675309'], ['Caller', '+14158675309'], ['CallSid', 'CA1234567890ABCDE']];

describe('Twilio request signature', () => {
  it("reproduces Twilio's documented signature, whatever the parameter order", () => {
    expect(twilioSignature(TOKEN, URL, PARAMETERS)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(verifyTwilioSignature(TOKEN, URL, [...PARAMETERS].reverse(), 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(true);
  });

  it('sorts repeated parameters by value (SDK vector)', () => {
    const repeated: FormParameters = [['Sid', 'CA123'], ['SidAccount', 'AC123'], ['Digits', '5678'], ['Digits', '1234'], ['Digits', '1234']];
    expect(twilioSignature(TOKEN, URL, repeated)).toBe('IK+Dwps556ElfBT0I3Rgjkr1wJU=');
  });

  it('accepts the URL with or without the default port, and rejects any change', () => {
    const signed = twilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMETERS);
    expect(verifyTwilioSignature(TOKEN, URL, PARAMETERS, signed)).toBe(true);
    const good = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
    expect(verifyTwilioSignature('other', URL, PARAMETERS, good)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, `${URL}&x=1`, PARAMETERS, good)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, [...PARAMETERS.slice(1), ['Digits', '9999']], good)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, PARAMETERS, undefined)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, PARAMETERS, 'short')).toBe(false);
    expect(verifyTwilioSignature('', URL, PARAMETERS, good)).toBe(false);
  });
});
