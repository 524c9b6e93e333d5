import type { Skill } from '../../../engine/pack.ts';
import type { HospitalDb, Report } from '../store/types.ts';
import { identifyPatient } from './identify-patient.ts';

/** Report-ready lookup (报告查询): which of the patient's reports are ready to collect and when the others will be. */
export const reportStatusSkill: Skill<HospitalDb> = {
  name: 'report_status',
  intents: ['report_status'],
  accepts: ['phone'],
  async run(ctx) {
    if (!(await identifyPatient(ctx))) return 'waiting';
    const reports = (await ctx.call<Report[]>('get_patient_reports', { patient_id: ctx.customerId() })).result ?? [];
    if (!reports.length) { ctx.say('report.none'); return 'done'; }
    const lines = reports.map((r) => ctx.text(r.status === 'ready' ? 'report.line_ready' : 'report.line_pending', { id: r.id, kind: r.kind[ctx.locale], date: r.ready_on, ordered: r.ordered_on }));
    const ready = reports.filter((r) => r.status === 'ready').length;
    ctx.say(ready ? 'report.list' : 'report.list_none_ready', { list: lines.join('\n'), ready, count: reports.length });
    return 'done';
  },
};
