import type { IdentityVerifier } from '../ports.ts';
import { makeReply, type TurnEnvironment } from './turn-context.ts';

/**
 * Verified identity (issue 20 item 3). When the tenant requires it (`TurnInput.requireVerifiedIdentity`), a customer
 * found by what they typed (a phone number, an e-mail, a name and zip) is not bound to the conversation: the skill's
 * `setCustomer` throws {@link IdentityChallenge}, the turn says a one-time code was sent to the account's contact
 * (`identity.challenged`: the service sends it through its sender), and only the right code binds the customer.
 * A customer the channel vouched for (widget HMAC) is bound before any skill runs and never challenged.
 */
export class IdentityChallenge extends Error {
  constructor(readonly customerId: string) {
    super('the customer must prove who they are before account data is shown');
    this.name = 'IdentityChallenge';
  }
}

const PENDING = '__identityPending';
const MAX_ATTEMPTS = 3;
const CODE = /(?<!\d)(\d{6})(?!\d)/;

interface Pending {
  customerId: string;
  attempts: number;
}

const texts = {
  sent: {
    zh: '为了保护您的账户安全，仅凭手机号或邮箱无法查看或修改账户信息。我们已向该账户绑定的联系方式发送了 6 位验证码，请输入验证码完成验证。',
    en: "To protect your account, a phone number or e-mail alone does not unlock account details. We've sent a 6-digit code to the contact details on the account; please enter it to continue.",
  },
  unavailable: {
    zh: '为了保护您的账户安全，仅凭手机号或邮箱无法查看或修改账户信息。请登录后在网站或 App 内联系我们，或转人工客服核实身份。',
    en: 'To protect your account, a phone number or e-mail alone does not unlock account details. Please sign in on our website or app and contact us there, or ask for an agent to verify you.',
  },
  verified: { zh: '验证成功，身份已核实。', en: 'Thanks, the code is correct — you are verified.' },
  wrong: { zh: '验证码不正确，请核对后重新输入 6 位验证码。', en: "That code isn't right. Please check it and enter the 6-digit code again." },
  exhausted: { zh: '验证码多次输入错误，为了您的账户安全，正在为您转接人工客服核实身份。', en: "The code was wrong too many times. To keep your account safe, I'm connecting you to an agent to verify you." },
} as const;

/** The turn ran into an unverified identification: remember who, ask for the code (or explain there is no code step). */
export function challengeIdentity<Data>(env: TurnEnvironment<Data>, customerId: string, verifier: IdentityVerifier | undefined): void {
  const { state, recorder } = env;
  if (!verifier) {
    recorder.replies.push(makeReply(env, texts.unavailable[state.locale]));
    recorder.events.push({ type: 'guardrail.triggered', at: env.clock.now(), data: { rule: 'verified_identity', outcome: 'refused' } });
    return;
  }
  state.memory[PENDING] = { customerId, attempts: 0 } satisfies Pending;
  recorder.events.push({ type: 'identity.challenged', at: env.clock.now(), data: { backendCustomerId: customerId } });
  recorder.replies.push(makeReply(env, texts.sent[state.locale]));
}

/**
 * A turn while a code is awaited: `verified` (the customer is bound; the caller resumes the flow), `wrong` (answered),
 * `none` (no code in the message: the turn goes on as usual and the code is still awaited).
 */
export function answerIdentityChallenge<Data>(env: TurnEnvironment<Data>, verifier: IdentityVerifier | undefined): 'verified' | 'wrong' | 'none' {
  const { state, recorder } = env;
  const pending = state.memory[PENDING] as Pending | undefined;
  if (!pending || !verifier) return 'none';
  const code = CODE.exec(env.understanding.text)?.[1];
  if (!code) return 'none';
  if (verifier.check({ conversationId: state.id, customerId: pending.customerId }, code)) {
    delete state.memory[PENDING];
    state.customerId = pending.customerId;
    recorder.events.push({ type: 'customer.verified', at: env.clock.now(), data: { by: 'otp', backendCustomerId: pending.customerId } });
    recorder.replies.push(makeReply(env, texts.verified[state.locale]));
    return 'verified';
  }
  pending.attempts += 1;
  if (pending.attempts >= MAX_ATTEMPTS) {
    delete state.memory[PENDING];
    recorder.replies.push(makeReply(env, texts.exhausted[state.locale]));
    recorder.handoff = { reason: 'policy', summary: 'identity verification failed: wrong one-time code 3 times' };
  } else {
    recorder.replies.push(makeReply(env, texts.wrong[state.locale]));
  }
  recorder.events.push({ type: 'guardrail.triggered', at: env.clock.now(), data: { rule: 'verified_identity', outcome: 'wrong_code', attempts: pending.attempts } });
  return 'wrong';
}
