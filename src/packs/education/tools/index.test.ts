import { describe, expect, it } from 'vitest';
import { runTool, type ToolContext } from '../../../engine/tools/define-tool.ts';
import { createCounterIds, fixedClock } from '../../../engine/ports.ts';
import { loadEducationData } from '../store/load-data.ts';
import type { EducationDb } from '../store/types.ts';
import { educationTools } from './index.ts';

const NOW = '2026-11-20T10:00:00+08:00';
const context = (customerId: string | null, db: EducationDb): ToolContext<EducationDb> => ({
  data: db, clock: fixedClock(NOW), ids: createCounterIds(), locale: 'zh', actor: { kind: 'customer', customerId },
});
const run = (name: keyof typeof educationTools, args: unknown, ctx: ToolContext<EducationDb>) => runTool(educationTools[name] as never, args, ctx as never);

describe('education tools', () => {
  it('verifies a student only with the matching phone digits', async () => {
    const db = await loadEducationData();
    expect((await run('verify_student', { student_id: 'S240117', phone_last4: '5678' }, context(null, db)))).toMatchObject({ ok: true, result: 'S240117' });
    expect((await run('verify_student', { student_id: 'S240117', phone_last4: '0000' }, context(null, db))).ok).toBe(false);
  });
  it("refuses another student's enrolment and an unidentified caller", async () => {
    const db = await loadEducationData();
    expect((await run('refund_enrolment', { enrolment_id: 'E1004' }, context('S240117', db))).ok).toBe(false);
    expect((await run('get_student', {}, context(null, db))).ok).toBe(false);
    expect(db.enrolments[3].status).toBe('active');
  });
  it('refunds by the policy and refuses when nothing is due', async () => {
    const db = await loadEducationData();
    expect((await run('refund_enrolment', { enrolment_id: 'E1002' }, context('S240117', db)))).toMatchObject({ ok: true, result: { rule: 'pro_rata', amount: 1400 } });
    expect((await run('refund_enrolment', { enrolment_id: 'E1002' }, context('S240117', db))).ok).toBe(false);
    expect((await run('refund_enrolment', { enrolment_id: 'E1003' }, context('S240233', db))).ok).toBe(false);
  });
  it('enrols only with prerequisites, once', async () => {
    const db = await loadEducationData();
    expect((await run('enroll_course', { course_id: 'MA301' }, context('S240117', db))).ok).toBe(false);
    expect((await run('enroll_course', { course_id: 'MA202' }, context('S240117', db)))).toMatchObject({ ok: true, result: { course_id: 'MA202', paid: 1800 } });
    expect((await run('enroll_course', { course_id: 'MA202' }, context('S240117', db))).ok).toBe(false);
  });
});
