import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { createLearningApi } from './learning-api.ts';

/**
 * "Applying… / Live": after a knowledge or phrase change the tenant's engine rebuilds in the background, so the page
 * polls GET /v1/admin/learning/status until the live engine has the latest content. Bump `change` after every save.
 */
export function ApplyStatus({ change }: { change: number }) {
  const { t } = useI18n();
  const { api } = useSession();
  const learning = useMemo(() => createLearningApi(api), [api]);
  // Keyed by `change`, so the render that follows a save already says "Applying…" (no stale "Live" frame).
  const [state, setState] = useState<{ change: number; applied: boolean | null }>({ change, applied: null });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const status = await learning.status();
        if (stopped) return;
        setState({ change, applied: status.applied });
        if (!status.applied) timer = setTimeout(poll, 800);
      } catch {
        if (!stopped) timer = setTimeout(poll, 3000);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [learning, change]);
  const applied = state.change === change ? state.applied : change > 0 ? false : null;
  if (applied === null) return null;
  return (
    <span className={`live-dot${applied ? ' on' : ''}`} data-testid="apply-status" data-applied={applied ? 'true' : 'false'} role="status" title={t.learningApplyHint}>
      {applied ? t.learningLive : t.learningApplying}
    </span>
  );
}
