import { useEffect, useState } from 'react';
import type { User, Webhook } from '../shared/api-types.ts';
import { Badge, Button, ErrorText, Field, Panel } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';

/** Team members and adding accounts. */
export function TeamPage() {
  const { t } = useI18n();
  const { api } = useSession();
  const [users, setUsers] = useState<User[]>([]);
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' as User['role'], password: '' });
  const [error, setError] = useState<unknown>(null);
  const reload = () => api.users().then(({ users: list }) => setUsers(list)).catch(setError);
  useEffect(() => void reload(), []);
  const roles = { admin: t.roleAdmin, supervisor: t.roleSupervisor, agent: t.roleAgent };
  return (
    <Panel title={t.team}>
      <table className="table"><thead><tr><th>{t.name}</th><th>{t.email}</th><th>{t.role}</th></tr></thead>
        <tbody>{users.map((user) => <tr key={user.id}><td>{user.name}</td><td>{user.email}</td><td><Badge tone={user.role === 'admin' ? 'violet' : 'gray'}>{roles[user.role]}</Badge></td></tr>)}</tbody></table>
      <h3 className="small" style={{ margin: '16px 0 8px' }}>{t.addUser}</h3>
      <form className="row" onSubmit={(event) => {
        event.preventDefault();
        api.createUser(form).then(() => (setForm({ name: '', email: '', role: 'agent', password: '' }), setError(null), reload()), setError);
      }}>
        <Field label={t.name}><input required value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} /></Field>
        <Field label={t.email}><input required type="email" value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} /></Field>
        <Field label={t.role}><select value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value as User['role'] })}>{Object.entries(roles).map(([value, label]) => <option key={value} value={value}>{label}</option>)}</select></Field>
        <Field label={t.password}><input required type="password" minLength={10} value={form.password} onChange={(event) => setForm({ ...form, password: event.target.value })} /></Field>
        <Button type="submit" variant="primary">{t.addUser}</Button>
      </form>
      <ErrorText error={error} />
    </Panel>
  );
}

/** Integration API keys (shown once) and webhooks (signing secret shown once). */
export function IntegrationsPage() {
  const { t } = useI18n();
  const { api } = useSession();
  const [keyName, setKeyName] = useState('');
  const [newKey, setNewKey] = useState<string | null>(null);
  const [webhooks, setWebhooks] = useState<Webhook[]>([]);
  const [hook, setHook] = useState({ url: '', events: '' });
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => api.webhooks().then(({ webhooks: list }) => setWebhooks(list)).catch(setError);
  useEffect(() => void reload(), []);
  return (
    <>
      <Panel title={t.apiKeys}>
        <form className="row" onSubmit={(event) => (event.preventDefault(), api.createApiKey(keyName).then((created) => (setNewKey(created.key), setKeyName('')), setError))}>
          <Field label={t.keyName}><input required value={keyName} onChange={(event) => setKeyName(event.target.value)} /></Field>
          <Button type="submit" variant="primary">{t.createKey}</Button>
        </form>
        {newKey ? <><p className="small">{t.keyShownOnce}</p><div className="secret">{newKey}</div></> : null}
      </Panel>
      <Panel title={t.webhooks}>
        <table className="table"><tbody>{webhooks.map((webhook) => (
          <tr key={webhook.id}><td style={{ overflowWrap: 'anywhere' }}>{webhook.url}</td><td>{webhook.events.length ? webhook.events.join(', ') : '*'}</td>
            <td><Button variant="danger" onClick={() => api.deleteWebhook(webhook.id).then(reload, setError)}>{t.delete}</Button></td></tr>
        ))}</tbody></table>
        <form className="row" onSubmit={(event) => {
          event.preventDefault();
          api.createWebhook(hook.url, hook.events.split(',').map((name) => name.trim()).filter(Boolean)).then((created) => (setSecret(created.secret), setHook({ url: '', events: '' }), reload()), setError);
        }}>
          <Field label={t.webhookUrl}><input required type="url" placeholder="https://example.com/hooks/lingxi" value={hook.url} onChange={(event) => setHook({ ...hook, url: event.target.value })} /></Field>
          <Field label={t.webhookEvents}><input placeholder="message.created, conversation.closed" value={hook.events} onChange={(event) => setHook({ ...hook, events: event.target.value })} /></Field>
          <Button type="submit" variant="primary">{t.addWebhook}</Button>
        </form>
        {secret ? <><p className="small">{t.secretShownOnce}</p><div className="secret">{secret}</div></> : null}
        <ErrorText error={error} />
      </Panel>
    </>
  );
}
