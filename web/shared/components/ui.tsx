import type { ButtonHTMLAttributes, ReactNode } from 'react';

/** Small building blocks shared by the console and admin (one look, one set of class names in theme.css). */
export function Button({ variant = 'default', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'default' | 'primary' | 'danger' | 'ghost' }) {
  return <button type="button" {...props} className={`ui-button ui-${variant} ${className}`} />;
}

export function Badge({ tone = 'gray', children, title }: { tone?: 'gray' | 'blue' | 'green' | 'amber' | 'red' | 'violet'; children: ReactNode; title?: string }) {
  return <span className={`ui-badge ui-badge-${tone}`} title={title}>{children}</span>;
}

export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="ui-field">
      <span className="ui-label">{label}</span>
      {children}
      {hint ? <span className="ui-hint">{hint}</span> : null}
    </label>
  );
}

export function Panel({ title, actions, children, className = '' }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`ui-panel ${className}`}>
      {title ? <header className="ui-panel-head"><h2>{title}</h2>{actions}</header> : null}
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="ui-empty">{children}</div>;
}

export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  return <div className="ui-error" role="alert">{error instanceof Error ? error.message : String(error)}</div>;
}

/** Relative time such as "3 min" / "3 分钟", from an ISO timestamp. */
export function since(iso: string, locale: 'zh' | 'en', now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const [value, unit] = seconds < 60 ? [seconds, 'second'] : seconds < 3600 ? [Math.floor(seconds / 60), 'minute'] : seconds < 86400 ? [Math.floor(seconds / 3600), 'hour'] : [Math.floor(seconds / 86400), 'day'];
  return new Intl.RelativeTimeFormat(locale === 'zh' ? 'zh-CN' : 'en', { numeric: 'auto', style: 'short' }).format(-value, unit as Intl.RelativeTimeFormatUnit);
}
