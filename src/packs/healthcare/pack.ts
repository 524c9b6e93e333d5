import { z } from 'zod';
import type { PackDefinition, Skill } from '../../engine/pack.ts';
import type { Localized } from '../../engine/types.ts';
import { createYamlReader, localizedList } from '../shared/pack-files.ts';
import { noCatalog, readPackFolder } from '../shared/read-pack-folder.ts';
import type { HospitalDb } from './store/types.ts';
import type { TriageLexicon } from './triage/score-departments.ts';
import { healthcareTools } from './tools/index.ts';
import { withRedFlagGuard } from './skills/red-flag-guard.ts';
import { detectRedFlag, RED_FLAG_PATTERN } from './safety/red-flags.ts';
import { createEmergencySkill } from './skills/emergency.ts';
import { createDoctorScheduleSkill } from './skills/doctor-schedule.ts';
import { createTriageSkill } from './skills/triage.ts';
import { createBookAppointmentSkill } from './skills/book-appointment.ts';
import { rescheduleAppointmentSkill } from './skills/reschedule-appointment.ts';
import { cancelAppointmentSkill } from './skills/cancel-appointment.ts';
import { myAppointmentsSkill } from './skills/my-appointments.ts';
import { reportStatusSkill } from './skills/report-status.ts';
import { createPreVisitSkill, type PreVisitInstructions } from './skills/pre-visit.ts';
import { COMMON_INTENT_HINTS, handoffRequest } from '../shared/common-hints.ts';

const localized = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const lexiconSchema = z.record(z.string(), z.object({
  reason: localized, strong: localizedList, words: localizedList, priority: z.boolean().optional(), aliases: z.array(z.string()).optional(),
}));
const preVisitSchema = z.object({ general: localized, departments: z.record(z.string(), localized), exams: z.record(z.string(), z.array(z.string().min(1))).default({}) });

const readYaml = createYamlReader(import.meta.url);

export const HEALTHCARE_INTENT_LABELS: Record<string, Localized> = {
  triage: { zh: '该挂什么科', en: 'Which department to see' },
  doctor_schedule: { zh: '出诊医生', en: 'Doctors on duty' },
  emergency: { zh: '紧急情况', en: 'Emergency' },
  book_appointment: { zh: '预约挂号', en: 'Book an appointment' },
  reschedule_appointment: { zh: '改约', en: 'Reschedule an appointment' },
  cancel_appointment: { zh: '取消预约', en: 'Cancel an appointment' },
  my_appointments: { zh: '查询我的预约', en: 'My appointments' },
  pre_visit: { zh: '就诊须知', en: 'Pre-visit instructions' },
  report_status: { zh: '查询检查报告', en: 'Test reports' },
  handoff: { zh: '转人工', en: 'Talk to a person' },
  greet: { zh: '打招呼', en: 'Say hello' },
  thanks: { zh: '致谢', en: 'Say thanks' },
  goodbye: { zh: '结束对话', en: 'Say goodbye' },
  bot_identity: { zh: '你是机器人吗', en: 'Are you a bot' },
};

/**
 * Unmistakable wording. The emergency hint mirrors the red-flag rules so that such messages start the emergency
 * skill even when no flow is running; the guard inside every skill is what guarantees the check mid-flow.
 */
export const HEALTHCARE_INTENT_HINTS: Array<{ intent: string; pattern: RegExp }> = [
  ...COMMON_INTENT_HINTS,
  { intent: 'emergency', pattern: RED_FLAG_PATTERN },
  { intent: 'emergency', pattern: /急诊|救护车|\bambulance\b|emergency room|\ba&e\b/ },
  // "Which doctors are on (today)?" / "这个科有哪些医生出诊": the duty roster, not "which doctor should I see".
  // Where a department is (and its fees): the doctor-schedule answer says the department's floor and each doctor's fee.
  { intent: 'doctor_schedule', pattern: /(科|科室|门诊|門診)[^，。？?]{0,6}(在哪|在什么地方|在什麼地方|哪栋|哪棟|哪个楼|哪個樓|几楼|幾樓|几层|幾層|怎么走|怎麼走)|\bwhere (is|are|'s) (the )?[a-z ]{0,24}(department|clinic|ward)\b|\bwhich (building|floor)\b/ },
  { intent: 'doctor_schedule', pattern: /(哪些|哪几位|哪几个|什么|哪位)(医生|大夫|专家|主任)|(医生|大夫|专家).{0,6}(出诊|坐诊|上班|值班)|出诊(医生|时间|安排|表)|坐诊|\b(which|what) doctors\b|\bwhich doctors? (is|are) (on|in|available|working)|\bdoctors? (are |is )?(on duty|on today|available|working)|\bwho('s| is) (on duty|working|on today|there on)|\bclinic (days|hours|schedule)\b/ },
  { intent: 'triage', pattern: /(挂|看)(什么|啥|哪个|哪一?个|哪)科|哪个科室?|which (department|doctor|clinic|specialist)|who should (i|we|she|he) see|where should (i|we) go/ },
  { intent: 'handoff', pattern: handoffRequest(/转人工|人工客服|人工导诊|真人|\b(human|real person|live agent|receptionist)\b/) },
  // Not when the message books a new visit and only corrects itself ("挂个眼科号，明天…不对，改成周一").
  { intent: 'reschedule_appointment', pattern: /^(?!.*(挂.{0,4}号|想挂|要挂|挂个|\bbook (a|an|me)\b)).*(?:改约|改(到|成|个时间|一下时间)|换个时间|推迟|\breschedul|\bmove (my|the|it)\b.{0,30}\b(appointment|to)\b|\bpostpone\b)/ },
  { intent: 'cancel_appointment', pattern: /取消.{0,6}(预约|挂号|号|门诊|就诊)|退号|\bcancel\b.{0,30}\b(appointment|booking|visit)\b/ },
  { intent: 'report_status', pattern: /报告|化验(单|结果)|检查结果|\b(test )?results?\b|\breports?\b/ },
  { intent: 'book_appointment', pattern: /挂号|挂.{1,6}(科|号)|预约.{0,8}(科|医生|号|门诊|体检)|\bbook\b|\bappointment with\b/ },
];

/** Loads the healthcare pack: training phrases, templates, FAQ, triage lexicon, pre-visit instructions, tools and skills. */
export async function loadHealthcarePack(): Promise<PackDefinition<HospitalDb>> {
  const [folder, lexicon, preVisit] = await Promise.all([
    readPackFolder(import.meta.url, 'healthcare'),
    readYaml('triage/lexicon.yaml', lexiconSchema),
    readYaml('knowledge/pre-visit.yaml', preVisitSchema),
  ]);
  const triageLexicon = lexicon as TriageLexicon;
  const skills: Skill<HospitalDb>[] = [
    createEmergencySkill(triageLexicon), createTriageSkill(triageLexicon), createBookAppointmentSkill(triageLexicon), rescheduleAppointmentSkill,
    cancelAppointmentSkill, myAppointmentsSkill, createDoctorScheduleSkill(triageLexicon), reportStatusSkill, createPreVisitSkill(triageLexicon, preVisit as PreVisitInstructions),
  ];
  return {
    ...folder,
    intentLabels: HEALTHCARE_INTENT_LABELS,
    tools: healthcareTools as unknown as PackDefinition<HospitalDb>['tools'],
    // Red flags are checked on every message a healthcare skill receives, before the skill's own logic.
    skills: skills.map(withRedFlagGuard),
    catalog: noCatalog,
    intentHints: HEALTHCARE_INTENT_HINTS,
    // Red flags are checked by the engine on every message, before FAQ answers, small talk or handoff.
    safety: (text) => {
      const flag = detectRedFlag(text);
      return flag ? { key: `emergency.${flag.category}`, vars: { matched: flag.matched }, category: flag.category } : null;
    },
  };
}
