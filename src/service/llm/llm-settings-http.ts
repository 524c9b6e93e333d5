import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError, isLingxiError } from '../../engine/errors.ts';
import { callModel } from '../../engine/llm/call-model.ts';
import { PRESET_NAMES, PROVIDER_PRESETS, type PresetName } from '../../engine/llm/provider-presets.ts';
import { requireAgent } from '../http/request-auth.ts';
import { errorResponses } from '../http/schemas.ts';
import { assertPublicTarget } from '../security/outbound-target.ts';
import type { ServiceContext } from '../http/service-context.ts';
import type { ZodTypeProvider } from '../http/zod-type-provider.ts';
import { DEFAULT_LLM_SETTINGS, type LlmSettings, type LlmSettingsPatch } from './llm-settings-store.ts';
import { createTenantProvider } from './tenant-llm-engine.ts';

const security = [{ bearer: [] }];
const presetSchema = z.enum(['custom', ...PRESET_NAMES] as [PresetName | 'custom', ...Array<PresetName | 'custom'>]);
/** The longest a connection test may take, whatever the tenant's timeout. */
const TEST_TIMEOUT_MS = 15_000;

const changesSchema = z.object({
  preset: presetSchema.optional(),
  baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be an http:// or https:// URL, e.g. https://api.deepseek.com/v1' }).max(500).optional(),
  model: z.string().trim().min(1).max(200).optional(),
  temperature: z.number().min(0).max(2).optional(),
  timeoutMs: z.number().int().min(1_000).max(120_000).optional(),
  maxTokensPerConversation: z.number().int().min(1_000).max(10_000_000).optional(),
  privacyMode: z.enum(['standard', 'strict']).optional(),
  /** Write-only: a string sets or replaces the key, null removes it, absent keeps it. */
  apiKey: z.string().trim().min(1).max(1_000).nullable().optional(),
});
const putSchema = changesSchema.extend({ enabled: z.boolean().optional() });

const settingsView = z.object({
  enabled: z.boolean(), preset: presetSchema, baseUrl: z.string(), model: z.string(), temperature: z.number(), timeoutMs: z.number(),
  maxTokensPerConversation: z.number(), privacyMode: z.enum(['standard', 'strict']),
  /** Whether a key is stored; the key itself is never returned. */
  hasApiKey: z.boolean(),
  /** The key's last four characters (keys of 12 characters or more), to tell keys apart. */
  apiKeyHint: z.string().nullable(),
  updatedAt: z.string().nullable(),
  presets: z.array(z.object({ name: z.string(), label: z.string(), baseUrl: z.string(), model: z.string(), local: z.boolean() })),
  /**
   * The server-wide model (LINGXI_LLM_*), when the server has one. `answering`: it answers this tenant's customers now,
   * because the tenant never saved settings of its own (`enabled` above is the tenant's own switch).
   */
  serverDefault: z.object({ answering: z.boolean(), preset: z.string(), baseUrl: z.string(), model: z.string(), privacyMode: z.enum(['standard', 'strict']) }).nullable(),
});
const testView = z.object({ ok: z.boolean(), latencyMs: z.number(), model: z.string(), error: z.string().nullable() });

const presets = PRESET_NAMES.map((name) => ({ name, label: PROVIDER_PRESETS[name].label, baseUrl: PROVIDER_PRESETS[name].baseUrl, model: PROVIDER_PRESETS[name].model, local: PROVIDER_PRESETS[name].local }));

type Draft = Omit<LlmSettings, 'tenantId' | 'revision' | 'updatedAt'> & { updatedAt: string | null };

function view(settings: Draft, serverDefault: z.infer<typeof settingsView>['serverDefault'] = null): z.infer<typeof settingsView> {
  const { apiKey, ...rest } = settings;
  return { ...rest, hasApiKey: apiKey.length > 0, apiKeyHint: apiKey.length >= 12 ? `…${apiKey.slice(-4)}` : null, presets, serverDefault };
}

/** The stored settings with `changes` applied; a new preset fills base URL and model unless they are given too. */
function merge(current: Draft, changes: z.infer<typeof putSchema>): Draft {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as LlmSettingsPatch;
  const next = { ...current, ...defined, apiKey: changes.apiKey === undefined ? current.apiKey : changes.apiKey ?? '' } as Draft;
  if (changes.preset && changes.preset !== 'custom' && changes.preset !== current.preset) {
    next.baseUrl = changes.baseUrl ?? PROVIDER_PRESETS[changes.preset].baseUrl;
    next.model = changes.model ?? PROVIDER_PRESETS[changes.preset].model;
  }
  return next;
}

/**
 * Admin routes of a tenant's LLM mode (issue 7): read and change the provider settings and test the connection. The API
 * key is write-only: no answer, audit entry or log line carries it (a four-character hint at most).
 */
export function registerLlmSettingsHttp(root: FastifyInstance, context: ServiceContext): void {
  const store = context.llmSettings;
  if (!store) return;
  const app = root.withTypeProvider<ZodTypeProvider>();
  const current = async (tenantId: string): Promise<Draft> => (await store.get(tenantId)) ?? { ...DEFAULT_LLM_SETTINGS, apiKey: '', updatedAt: null };
  /** What the server-wide default does for this tenant (issue 22 item 7: the view said "off" while it answered). */
  const serverDefault = async (tenantId: string) => (context.defaultLlm ? { ...context.defaultLlm, answering: (await store.get(tenantId)) === null } : null);

  app.get('/v1/admin/llm', { schema: { tags: ['admin'], security, summary: 'LLM mode of the tenant (admin); the API key is never returned', response: { 200: settingsView, ...errorResponses } } }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin']);
    return view(await current(tenant.id), await serverDefault(tenant.id));
  });

  app.put('/v1/admin/llm', {
    schema: {
      tags: ['admin'], security, summary: 'Change the LLM mode of the tenant (admin); apiKey is write-only (null removes it)',
      body: putSchema, response: { 200: settingsView, ...errorResponses },
    },
  }, async (request) => {
    const { tenant, user } = await requireAgent(context, request, ['admin']);
    const next = merge(await current(tenant.id), request.body);
    if (next.enabled || request.body.baseUrl !== undefined) await assertPublicTarget(next.baseUrl, { allowPrivate: context.config.allowPrivateTargets, what: 'baseUrl' });
    const preset = next.preset === 'custom' ? null : PROVIDER_PRESETS[next.preset];
    if (next.enabled && preset && !preset.local && !next.apiKey) {
      throw new LingxiError('validation_failed', `The ${preset.label} preset needs an API key: send apiKey with the settings.`);
    }
    const { updatedAt: _updatedAt, ...patch } = next;
    const saved = await store.put(tenant.id, patch);
    const { apiKey, ...fields } = request.body;
    await context.store.appendAudit({
      tenantId: tenant.id, actorKind: 'user', actorId: user.id, action: 'llm.updated', targetType: 'llm', targetId: tenant.id,
      data: { fields: Object.keys(fields), apiKey: apiKey === undefined ? 'kept' : apiKey === null ? 'removed' : 'replaced', enabled: saved.enabled, preset: saved.preset, privacyMode: saved.privacyMode },
    });
    // Start building the tenant's engine now, so the next customer does not wait for it.
    void context.engines.forTenant(tenant).catch(() => {});
    return view(saved, await serverDefault(tenant.id));
  });

  app.post('/v1/admin/llm/test', {
    schema: {
      tags: ['admin'], security, summary: 'One tiny completion against the configured provider (admin); body fields override the stored settings for this test only',
      body: changesSchema.optional(), response: { 200: testView, ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin']);
    const settings = merge(await current(tenant.id), request.body ?? {});
    await assertPublicTarget(settings.baseUrl, { allowPrivate: context.config.allowPrivateTargets, what: 'baseUrl' });
    const provider = createTenantProvider({ ...settings, tenantId: tenant.id, revision: 0, updatedAt: '', privacyMode: 'standard' });
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      await callModel(provider, { messages: [{ role: 'user', content: 'Reply with the word: ok' }], tools: [], maxTokens: 8, temperature: 0 }, {
        timeoutMs: Math.min(settings.timeoutMs, TEST_TIMEOUT_MS), now: () => performance.now(),
      });
      return { ok: true, latencyMs: latency(), model: settings.model, error: null };
    } catch (error) {
      const message = isLingxiError(error) || error instanceof Error ? error.message : String(error);
      const clean = settings.apiKey ? message.split(settings.apiKey).join('…') : message;
      return { ok: false, latencyMs: latency(), model: settings.model, error: clean.slice(0, 500) };
    }
  });
}
