import { useEffect, useState } from 'react';
import type { LlmSettingsChanges, LlmSettingsView, LlmTestResult } from '../shared/api-types.ts';
import { Button, ErrorText, Field, Panel } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';

type Draft = Required<Omit<LlmSettingsChanges, 'apiKey'>>;

/**
 * "Large language model" settings of the tenant: preset (fills base URL and model), a write-only API key, temperature,
 * limits, the strict privacy switch and a connection test that uses the values in the form without saving them.
 */
export function LlmSettingsSection() {
  const { t } = useI18n();
  const { api } = useSession();
  const [view, setView] = useState<LlmSettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  // Write-only: empty means "keep the stored key".
  const [apiKey, setApiKey] = useState('');
  const [status, setStatus] = useState<unknown>(null);
  const [test, setTest] = useState<LlmTestResult | 'running' | null>(null);
  const load = (loaded: LlmSettingsView) => {
    setView(loaded);
    const { hasApiKey: _has, apiKeyHint: _hint, updatedAt: _at, presets: _presets, serverDefault: _server, ...settings } = loaded;
    setDraft(settings);
    setApiKey('');
  };
  useEffect(() => void api.llmSettings().then(load).catch(setStatus), [api]);
  if (!view || !draft) return status ? <Panel title={t.llmTitle}><ErrorText error={status} /></Panel> : null;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const changes = (): LlmSettingsChanges => ({ ...draft, ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}) });
  const choosePreset = (name: string) => {
    const preset = view.presets.find((candidate) => candidate.name === name);
    set(preset ? { preset: name, baseUrl: preset.baseUrl, model: preset.model } : { preset: 'custom' });
  };
  const save = (body: LlmSettingsChanges) => api.saveLlmSettings(body).then((saved) => (load(saved), setStatus(t.saved)), setStatus);
  const runTest = () => {
    setTest('running');
    const { enabled: _enabled, ...tested } = changes();
    api.testLlm(tested).then(setTest, (error) => (setTest(null), setStatus(error)));
  };
  const number = (value: string) => (value === '' ? 0 : Number(value));
  return (
    <Panel title={t.llmTitle} actions={<>
      <Button data-action="test-llm" disabled={test === 'running'} onClick={runTest}>{test === 'running' ? t.llmTesting : t.llmTest}</Button>
      <Button variant="primary" data-action="save-llm" onClick={() => save(changes())}>{t.save}</Button>
    </>}>
      <p className="hint">{t.llmHint}</p>
      {view.serverDefault?.answering ? <p role="status" className="hint" data-testid="llm-server-default">{t.llmServerDefault.replace('{model}', view.serverDefault.model)}</p> : null}
      <label className="row"><input type="checkbox" name="llmEnabled" checked={draft.enabled} onChange={(event) => set({ enabled: event.target.checked })} /> {t.llmEnabled}</label>
      <div className="form-grid">
        <Field label={t.llmPreset}>
          <select name="llmPreset" value={draft.preset} onChange={(event) => choosePreset(event.target.value)}>
            {view.presets.map((preset) => <option key={preset.name} value={preset.name}>{preset.label}</option>)}
            <option value="custom">{t.llmCustom}</option>
          </select>
        </Field>
        <Field label={t.llmModel}><input name="llmModel" value={draft.model} onChange={(event) => set({ model: event.target.value })} /></Field>
        <Field label={t.llmBaseUrl}><input name="llmBaseUrl" type="url" value={draft.baseUrl} onChange={(event) => set({ baseUrl: event.target.value, preset: 'custom' })} /></Field>
        <Field label={`${t.llmApiKey} · ${view.hasApiKey ? `${t.llmApiKeySet}${view.apiKeyHint ? ` (${view.apiKeyHint})` : ''}` : t.llmApiKeyNone}`} hint={t.llmApiKeyReplace}>
          <input name="llmApiKey" type="password" autoComplete="new-password" value={apiKey} onChange={(event) => setApiKey(event.target.value)} />
        </Field>
        <Field label={t.llmTemperature}><input name="llmTemperature" type="number" min={0} max={2} step={0.1} value={draft.temperature} onChange={(event) => set({ temperature: number(event.target.value) })} /></Field>
        <Field label={t.llmTimeout}><input name="llmTimeout" type="number" min={1000} max={120000} step={1000} value={draft.timeoutMs} onChange={(event) => set({ timeoutMs: number(event.target.value) })} /></Field>
        <Field label={t.llmMaxTokens}><input name="llmMaxTokens" type="number" min={1000} step={1000} value={draft.maxTokensPerConversation} onChange={(event) => set({ maxTokensPerConversation: number(event.target.value) })} /></Field>
      </div>
      <label className="row"><input type="checkbox" name="llmPrivacy" checked={draft.privacyMode === 'strict'} onChange={(event) => set({ privacyMode: event.target.checked ? 'strict' : 'standard' })} /> {t.llmPrivacyStrict}</label>
      {draft.privacyMode === 'standard' ? <p role="alert" className="error" data-testid="llm-privacy-warning">⚠ {t.llmPrivacyOffWarning}</p> : null}
      {view.hasApiKey ? <p><Button variant="ghost" data-action="remove-llm-key" onClick={() => save({ apiKey: null })}>{t.llmApiKeyRemove}</Button></p> : null}
      {test && test !== 'running' ? (
        <p role="status" className={test.ok ? 'saved' : 'error'}>{test.ok ? `✓ ${t.llmTestOk}` : `✗ ${t.llmTestFailed}: ${test.error ?? ''}`} · {t.llmLatency} {test.latencyMs} ms</p>
      ) : null}
      {status === t.saved ? <p role="status" className="saved">✓ {t.saved}</p> : <ErrorText error={status} />}
    </Panel>
  );
}
