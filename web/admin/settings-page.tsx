import { useEffect, useState } from 'react';
import type { PackInfo, TenantSettings, TenantSettingsView } from '../shared/api-types.ts';
import { Button, ErrorText, Field, Panel } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { LlmSettingsSection } from './llm-settings-section.tsx';

/** Packs, language, tone, persona, greeting, business hours, identity enforcement, LLM mode, and the widget embed snippet. */
export function SettingsPage() {
  const { t, locale } = useI18n();
  const { api } = useSession();
  const [view, setView] = useState<TenantSettingsView | null>(null);
  const [draft, setDraft] = useState<TenantSettings | null>(null);
  const [packs, setPacks] = useState<PackInfo[]>([]);
  const [status, setStatus] = useState<unknown>(null);
  // Kept as typed (one origin per line) so that editing does not reflow the text; saved as a list.
  const [origins, setOrigins] = useState('');
  useEffect(() => void api.settings().then((loaded) => {
    setView(loaded);
    const { widgetKey: _key, widgetSecret: _secret, ...settings } = loaded;
    setDraft(settings);
    setOrigins((settings.allowedOrigins ?? []).join('\n'));
  }).catch(setStatus), [api]);
  useEffect(() => void api.packs().then(setPacks).catch(setStatus), [api]);
  if (!draft || !view) return <ErrorText error={status} />;
  const set = (patch: Partial<TenantSettings>) => setDraft({ ...draft, ...patch });
  const hours = draft.businessHours ?? { timeZone: 'Asia/Shanghai', days: Array.from({ length: 7 }, () => ['09:00', '18:00'] as [string, string]) };
  const setDay = (index: number, value: [string, string] | null) => set({ businessHours: { ...hours, days: hours.days.map((day, i) => (i === index ? value : day)) } });
  const snippet = `<script src="${location.origin}/widget.js" data-tenant-key="${view.widgetKey}" async></script>`;
  return (
    <>
      <Panel title={t.settings} actions={<Button variant="primary" data-action="save-settings" onClick={() => api.saveSettings(draft).then(() => setStatus(t.saved), setStatus)}>{t.save}</Button>}>
        <div className="form-grid">
          <Field label={t.defaultLocale}><select value={draft.locale} onChange={(event) => set({ locale: event.target.value as 'zh' | 'en' })}><option value="zh">中文</option><option value="en">English</option></select></Field>
          <Field label={t.tone}><select value={draft.tone} onChange={(event) => set({ tone: event.target.value as TenantSettings['tone'] })}>
            <option value="neutral">{t.toneNeutral}</option><option value="warm">{t.toneWarm}</option><option value="apologetic">{t.toneApologetic}</option><option value="concise">{t.toneConcise}</option>
          </select></Field>
          <Field label={t.persona}><input value={draft.personaName} onChange={(event) => set({ personaName: event.target.value })} /></Field>
        </div>
        <Field label={t.packs} hint={t.packsHint}>
          <div className="pack-list" data-role="packs">
            {packs.map((pack) => (
              <label key={pack.name} className="row pack-option">
                <input type="checkbox" name="pack" value={pack.name} checked={draft.packs.includes(pack.name)}
                  onChange={(event) => set({ packs: event.target.checked ? [...draft.packs, pack.name] : draft.packs.filter((name) => name !== pack.name) })} />
                <span><strong>{pack.name}</strong> <span className="small">{pack.description[locale]}</span></span>
              </label>
            ))}
          </div>
        </Field>
        <Field label={t.greeting} hint={t.greetingHint}><textarea name="greeting" rows={3} value={draft.greeting ?? ''} onChange={(event) => set({ greeting: event.target.value || null })} /></Field>
        <Field label={t.allowedOrigins} hint={t.allowedOriginsHint}>
          <textarea name="allowedOrigins" rows={2} value={origins} onChange={(event) => { setOrigins(event.target.value); set({ allowedOrigins: event.target.value.split(/[\s,]+/).filter(Boolean) }); }} />
        </Field>
        <label className="row"><input type="checkbox" checked={draft.enforceWidgetIdentity} onChange={(event) => set({ enforceWidgetIdentity: event.target.checked })} /> {t.enforceIdentity}</label>
        <h3 className="small" style={{ margin: '16px 0 8px' }}>{t.businessHours}</h3>
        <label className="row"><input type="checkbox" checked={!!draft.businessHours} onChange={(event) => set({ businessHours: event.target.checked ? hours : null })} /> {t.businessHours}</label>
        {draft.businessHours ? (
          <div className="hours" style={{ marginTop: 8 }}>
            <span>{t.timeZone}</span><input style={{ gridColumn: 'span 3' }} value={hours.timeZone} onChange={(event) => set({ businessHours: { ...hours, timeZone: event.target.value } })} />
            {hours.days.map((day, index) => [
              <span key={`l${index}`}>{t.days[index]}</span>,
              <input key={`a${index}`} type="time" disabled={!day} value={day?.[0] ?? ''} onChange={(event) => setDay(index, [event.target.value, day?.[1] ?? '18:00'])} />,
              <input key={`b${index}`} type="time" disabled={!day} value={day?.[1] ?? ''} onChange={(event) => setDay(index, [day?.[0] ?? '09:00', event.target.value])} />,
              <label key={`c${index}`} className="small"><input type="checkbox" checked={!day} onChange={(event) => setDay(index, event.target.checked ? null : ['09:00', '18:00'])} /> {t.closedDay}</label>,
            ])}
          </div>
        ) : null}
        {status === t.saved ? <p role="status" className="saved">✓ {t.saved}</p> : <ErrorText error={status} />}
      </Panel>
      <LlmSettingsSection />
      <Panel title={`${t.widget} · ${t.embedSnippet}`}>
        <p className="hint">{t.embedHint}</p>
        <pre className="snippet"><code>{snippet}</code></pre>
        <p className="small">{t.widgetKey}: <code>{view.widgetKey}</code> · <a href={`/demo-shop/?key=${encodeURIComponent(view.widgetKey)}`} target="_blank" rel="noreferrer">{t.openDemoShop}</a></p>
      </Panel>
    </>
  );
}
