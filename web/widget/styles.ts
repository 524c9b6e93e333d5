/**
 * The widget's stylesheet, scoped to its shadow root. `:host { all: initial }` stops the host page's inherited styles
 * (font, colour, line-height, direction) from leaking in; nothing here can reach the host page.
 */
export const styles = /* css */ `
:host { all: initial; position: fixed; z-index: 2147483000; inset: auto 20px 20px auto; }
* { box-sizing: border-box; }
.lx-root { --lx-brand: #4f46e5; --lx-brand-2: #7c3aed; --lx-ink: #1f2937; --lx-muted: #6b7280; --lx-line: #e5e7eb; --lx-bg: #f6f7fb;
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: var(--lx-ink); -webkit-font-smoothing: antialiased; }
button { font: inherit; cursor: pointer; }
button:focus-visible, a:focus-visible, textarea:focus-visible { outline: 2px solid var(--lx-brand); outline-offset: 2px; }
.lx-launcher { position: relative; width: 60px; height: 60px; border-radius: 50%; border: 0; color: #fff;
  background: linear-gradient(135deg, var(--lx-brand), var(--lx-brand-2)); box-shadow: 0 8px 24px rgba(79,70,229,.35);
  display: grid; place-items: center; transition: transform .15s ease; }
.lx-launcher:hover { transform: scale(1.05); }
.lx-badge { position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px; background: #ef4444;
  color: #fff; font-size: 12px; font-weight: 600; line-height: 20px; text-align: center; border: 2px solid #fff; }
.lx-panel { position: absolute; bottom: 76px; right: 0; width: 380px; height: min(640px, calc(100vh - 110px)); display: flex; flex-direction: column;
  background: #fff; border-radius: 16px; overflow: hidden; box-shadow: 0 16px 48px rgba(17,24,39,.22), 0 2px 6px rgba(17,24,39,.08); }
.lx-panel[hidden] { display: none; }
.lx-header { display: flex; align-items: center; gap: 10px; padding: 14px 14px 14px 16px; color: #fff;
  background: linear-gradient(135deg, var(--lx-brand), var(--lx-brand-2)); }
.lx-avatar { flex: none; width: 38px; height: 38px; border-radius: 50%; background: rgba(255,255,255,.2); display: grid; place-items: center; font-weight: 700; font-size: 16px; }
.lx-avatar.lx-human { background: #10b981; }
.lx-head-text { flex: 1; min-width: 0; }
.lx-head-title { font-weight: 600; font-size: 15px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.lx-status { font-size: 12px; opacity: .9; display: flex; align-items: center; gap: 6px; }
.lx-dot { width: 8px; height: 8px; border-radius: 50%; background: #34d399; flex: none; }
.lx-status[data-state=offline] .lx-dot, .lx-status[data-state=connecting] .lx-dot { background: #fbbf24; }
.lx-status[data-state=queued] .lx-dot { background: #fbbf24; }
.lx-head-button { border: 0; background: rgba(255,255,255,.16); color: #fff; border-radius: 8px; height: 32px; min-width: 32px; padding: 0 8px; display: grid; place-items: center; font-size: 12px; }
.lx-head-button:hover { background: rgba(255,255,255,.28); }
.lx-banner { padding: 8px 14px; font-size: 13px; display: flex; align-items: center; gap: 8px; background: #ecfdf5; color: #065f46; border-bottom: 1px solid #d1fae5; }
.lx-banner.lx-wait { background: #fffbeb; color: #92400e; border-color: #fef3c7; }
.lx-banner[hidden] { display: none; }
.lx-log { flex: 1; overflow-y: auto; padding: 16px 14px 8px; margin: 0; list-style: none; background: var(--lx-bg); display: flex; flex-direction: column; gap: 10px; overscroll-behavior: contain; }
.lx-row { display: flex; gap: 8px; align-items: flex-end; max-width: 100%; }
.lx-row.lx-mine { flex-direction: row-reverse; }
.lx-mini { flex: none; width: 28px; height: 28px; border-radius: 50%; display: grid; place-items: center; font-size: 12px; font-weight: 700; color: #fff; background: linear-gradient(135deg, var(--lx-brand), var(--lx-brand-2)); }
.lx-mini.lx-human { background: #10b981; }
.lx-stack { display: flex; flex-direction: column; gap: 6px; min-width: 0; max-width: 80%; }
.lx-mine .lx-stack { align-items: flex-end; }
.lx-name { font-size: 11px; color: var(--lx-muted); padding: 0 4px; }
.lx-bubble { padding: 9px 12px; border-radius: 14px; background: #fff; border: 1px solid var(--lx-line); overflow-wrap: anywhere; word-break: break-word; unicode-bidi: plaintext; max-width: 100%; }
.lx-mine .lx-bubble { background: var(--lx-brand); border-color: var(--lx-brand); color: #fff; border-bottom-right-radius: 4px; }
.lx-theirs .lx-bubble { border-bottom-left-radius: 4px; }
.lx-agent .lx-bubble { border-color: #a7f3d0; background: #f0fdf4; }
.lx-text { white-space: pre-wrap; }
.lx-md { white-space: normal; }
.lx-md p { margin: 0 0 6px; } .lx-md p:last-child { margin-bottom: 0; }
.lx-md ul, .lx-md ol { margin: 4px 0; padding-inline-start: 20px; }
.lx-md code { background: #f3f4f6; border-radius: 4px; padding: 0 4px; font-size: 12px; }
.lx-bubble a { color: inherit; }
.lx-pending { opacity: .6; }
.lx-draft .lx-bubble { opacity: 0.85; white-space: pre-wrap; }
.lx-failed .lx-bubble { background: #fee2e2; border-color: #fecaca; color: #991b1b; cursor: pointer; }
.lx-system { align-self: center; font-size: 12px; color: var(--lx-muted); background: #eef0f5; padding: 4px 12px; border-radius: 999px; text-align: center; max-width: 90%; overflow-wrap: anywhere; }
.lx-card { background: #fff; border: 1px solid var(--lx-line); border-radius: 12px; padding: 10px 12px; width: 260px; max-width: 100%; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
.lx-card-head, .lx-card-foot { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.lx-card-title { font-weight: 600; overflow-wrap: anywhere; }
.lx-card-foot { border-top: 1px dashed var(--lx-line); margin-top: 6px; padding-top: 6px; }
.lx-pill { font-size: 11px; padding: 1px 8px; border-radius: 999px; background: #eef2ff; color: var(--lx-brand); white-space: nowrap; }
.lx-pill.lx-ok { background: #ecfdf5; color: #047857; } .lx-pill.lx-bad { background: #fef2f2; color: #b91c1c; }
.lx-items { list-style: none; margin: 6px 0 0; padding: 0; }
.lx-items li { display: flex; justify-content: space-between; gap: 8px; padding: 3px 0; }
.lx-item-name { display: flex; flex-direction: column; min-width: 0; overflow-wrap: anywhere; } .lx-item-name small { color: var(--lx-muted); }
.lx-price { font-variant-numeric: tabular-nums; white-space: nowrap; } .lx-big { font-size: 18px; font-weight: 700; color: #dc2626; margin: 4px 0; }
.lx-muted { color: var(--lx-muted); font-size: 12px; }
.lx-steps { margin: 6px 0 0; padding-inline-start: 20px; } .lx-steps li { padding: 2px 0; } .lx-steps .lx-current { font-weight: 600; color: var(--lx-brand); }
.lx-timeline { list-style: none; margin: 6px 0 0; padding: 0; border-inline-start: 2px solid #e0e7ff; }
.lx-timeline li { padding: 2px 0 6px 10px; display: flex; flex-direction: column; } .lx-timeline time { font-size: 11px; color: var(--lx-muted); }
.lx-slots, .lx-quick { display: flex; flex-wrap: wrap; gap: 6px; }
.lx-quick { padding: 8px 14px 0; background: var(--lx-bg); }
.lx-quick:empty { display: none; }
.lx-chip { border: 1px solid #c7d2fe; background: #fff; color: var(--lx-brand); border-radius: 999px; padding: 5px 12px; font-size: 13px; max-width: 100%; overflow-wrap: anywhere; text-align: start; }
.lx-chip:hover { background: #eef2ff; }
.lx-sources { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; font-size: 12px; }
.lx-source { display: inline-flex; align-items: center; gap: 3px; color: var(--lx-brand); text-decoration: none; max-width: 100%; overflow-wrap: anywhere; }
a.lx-source:hover { text-decoration: underline; }
.lx-typing { padding: 2px 16px 6px; font-size: 12px; color: var(--lx-muted); background: var(--lx-bg); min-height: 0; }
.lx-typing[hidden] { display: none; }
.lx-dots span { display: inline-block; width: 5px; height: 5px; margin: 0 1px; border-radius: 50%; background: var(--lx-muted); animation: lx-blink 1.2s infinite; }
.lx-dots span:nth-child(2) { animation-delay: .2s; } .lx-dots span:nth-child(3) { animation-delay: .4s; }
@keyframes lx-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
.lx-composer { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px; border-top: 1px solid var(--lx-line); background: #fff; }
.lx-input { flex: 1; resize: none; border: 1px solid var(--lx-line); border-radius: 10px; padding: 9px 10px; font: inherit; color: inherit; max-height: 120px; min-height: 40px; background: #fff; }
.lx-send { width: 40px; height: 40px; border-radius: 10px; border: 0; background: var(--lx-brand); color: #fff; display: grid; place-items: center; flex: none; }
.lx-send:disabled { background: #c7d2fe; cursor: default; }
.lx-mic { width: 40px; height: 40px; border-radius: 10px; border: 1px solid var(--lx-line); background: #fff; color: var(--lx-brand); display: grid; place-items: center; flex: none; }
.lx-mic.lx-listening { background: #fee2e2; border-color: #fca5a5; color: #dc2626; animation: lx-blink 1.2s infinite; }
.lx-head-button[aria-pressed=true] { background: rgba(255,255,255,.4); }
.lx-footer { display: flex; justify-content: space-between; align-items: center; padding: 0 12px 10px; background: #fff; font-size: 11px; color: #9ca3af; gap: 8px; }
.lx-human-button { display: inline-flex; align-items: center; gap: 4px; border: 0; background: none; color: var(--lx-brand); font-size: 12px; padding: 2px 0; }
.lx-human-button:hover { text-decoration: underline; }
.lx-survey { align-self: stretch; background: #fff; border: 1px solid var(--lx-line); border-radius: 12px; padding: 12px; text-align: center; }
.lx-survey h3 { margin: 0 0 8px; font-size: 14px; }
.lx-stars { display: flex; justify-content: center; gap: 4px; margin-bottom: 8px; }
.lx-star { border: 0; background: none; color: #d1d5db; padding: 2px; } .lx-star[aria-pressed=true] { color: #f59e0b; }
.lx-survey textarea { width: 100%; border: 1px solid var(--lx-line); border-radius: 8px; padding: 6px 8px; font: inherit; resize: vertical; min-height: 56px; }
.lx-primary { margin-top: 8px; border: 0; border-radius: 8px; background: var(--lx-brand); color: #fff; padding: 7px 14px; }
.lx-primary:disabled { opacity: .5; cursor: default; }
.lx-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 480px) {
  :host { inset: auto 12px 12px auto; }
  .lx-panel { position: fixed; inset: 0; width: 100vw; height: 100%; border-radius: 0; bottom: 0; }
  .lx-root.lx-open .lx-launcher { display: none; }
}
@media (prefers-reduced-motion: reduce) { .lx-dots span, .lx-mic.lx-listening { animation: none; } .lx-launcher { transition: none; } }
`;
