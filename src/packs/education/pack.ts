import { readFile } from 'node:fs/promises';
import type { PackDefinition } from '../../engine/pack.ts';
import type { Localized } from '../../engine/types.ts';
import type { KnowledgeDoc } from '../../engine/knowledge/types.ts';
import { parseFaqMarkdown } from '../../engine/knowledge/parse-faq-markdown.ts';
import { createRetriever } from '../../engine/knowledge/retriever.ts';
import { createTokenizer } from '../../engine/text/tokenize.ts';
import { noCatalog, readPackFolder } from '../shared/read-pack-folder.ts';
import type { EducationDb } from './store/types.ts';
import { educationTools } from './tools/index.ts';
import { recommendCourseSkill } from './skills/recommend-course.ts';
import { studyPlanSkill } from './skills/study-plan.ts';
import { enrollSkill } from './skills/enroll.ts';
import { scheduleSkill } from './skills/schedule.ts';
import { courseInfoSkill } from './skills/course-info.ts';
import { refundSkill } from './skills/refund.ts';
import { createHomeworkHelpSkill } from './skills/homework-help.ts';
import { COURSE_KEYWORDS } from './skills/course-lookup.ts';
import { COMMON_INTENT_HINTS, handoffRequest } from '../shared/common-hints.ts';

const here = (path: string) => new URL(path, import.meta.url);

/** Courses that have notes for homework help (`knowledge/notes/<id>.<locale>.md`). */
export const NOTED_COURSES = ['MA201', 'EN201', 'PR101'] as const;

/** Every course note section as a knowledge doc (ids `education-notes/<locale>/<course>-<id>`). */
export async function loadCourseNotes(): Promise<KnowledgeDoc[]> {
  const files = NOTED_COURSES.flatMap((course) => (['zh', 'en'] as const).map((locale) => ({ course, locale, file: `knowledge/notes/${course}.${locale}.md` })));
  const texts = await Promise.all(files.map(({ file }) => readFile(here(file), 'utf8')));
  return files.flatMap(({ course, locale, file }, i) => parseFaqMarkdown(texts[i], { pack: 'education-notes', locale, file })
    .map((doc) => ({ ...doc, id: doc.id.replace(`/${locale}/`, `/${locale}/${course}-`) })));
}

export const EDUCATION_INTENT_LABELS: Record<string, Localized> = {
  recommend_course: { zh: '推荐课程', en: 'Recommend a course' },
  study_plan: { zh: '制定学习计划', en: 'Weekly study plan' },
  enroll_course: { zh: '报名课程', en: 'Enrol in a course' },
  course_schedule: { zh: '查询课表', en: 'My timetable' },
  course_info: { zh: '课程学费与时间', en: 'Course fees and times' },
  refund: { zh: '退课退费', en: 'Withdraw and refund' },
  homework_help: { zh: '作业答疑', en: 'Homework help' },
  handoff: { zh: '转人工', en: 'Talk to a person' },
  greet: { zh: '打招呼', en: 'Say hello' },
  thanks: { zh: '致谢', en: 'Say thanks' },
  goodbye: { zh: '结束对话', en: 'Say goodbye' },
  bot_identity: { zh: '你是机器人吗', en: 'Are you a bot' },
};

const ID = String.raw`(?<![a-z0-9])s[\s-]?\d{6}(?!\d)`;
const CUED_PHONE = String.raw`[^?？\d]{0,24}\d{4}(?!\d)`;
const LEAD = String.raw`[^?？\d]{0,30}`;
const TAIL = String.raw`[\s,，.。!！~]*((谢谢|thanks?( you)?|thx)[\s,，.。!！~]*)?`;
/** Words of a request: a message with one of them is not only credentials. */
const REQUEST_WORDS = String.raw`查|看|报|退|课|计划|推荐|想|要|帮|能|可以|进度|\b(can|could|would|want|need|please|help|check|show|tell|when|what|which|how)\b`;
/** A message that only gives a student id (and maybe the phone digits): "学号S240117，手机尾号5678" / "S240117 ends in 5678". */
const CREDENTIALS_ONLY = new RegExp(String.raw`^(?!.*(${REQUEST_WORDS}))${LEAD}(${ID}(${CUED_PHONE})?|\d{4}[^?？\d]{0,24}${ID})${TAIL}$`, 'u');

const COURSE_WORDS = COURSE_KEYWORDS.map(([word]) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/** Unmistakable wording (first match wins); they decide only when the classifier is unsure or agrees in its top three. */
export const EDUCATION_INTENT_HINTS: Array<{ intent: string; pattern: RegExp }> = [
  ...COMMON_INTENT_HINTS,
  { intent: 'handoff', pattern: handoffRequest(/转人工|人工客服|教务老师|真人|\b(human|real person|live agent|academic office)\b/) },
  { intent: 'refund', pattern: /退费|退课|退款|退钱|退学费|\b(refund|withdraw|drop (the|this|my) (course|class))\b/ },
  { intent: 'study_plan', pattern: /学习计划|周计划|学习规划|怎么安排.{0,6}学|\bstudy (plan|schedule|routine)\b|\bplan my (study|week)/ },
  { intent: 'course_schedule', pattern: /我的课表|查.{0,2}课表|课表.{0,6}(安排|怎么|是什么)|下节课|下次课|几点上课|(哪天|星期几|周几|什么时候)上课|学习进度|学到哪|上了几(次|节)|\b(my (timetable|schedule|progress|classes)|next (lesson|class)|(what|which) (day|time)s? (is|are) my|when (is|are) my (\w+ )?(class|lesson|course)|how far (have i|am i))/ },
  { intent: 'enroll_course', pattern: /^(我要|我想|帮我|给我)?(报名|报上|报一下)|(我要|我想|想要?|帮我|给我|改|是)报(?![告销错警价道表])|\b(enrol|enroll|sign (me )?up|register me|i'?ll take (it|that one|this one|that course)|i will take (it|that course)|count me in|put me (down|in) for)\b/ },
  // Only with a course code: "学费可以分期吗 / can I pay in instalments" are policy questions for the FAQ.
  { intent: 'course_info', pattern: /[a-z]{2}\d{3}.{0,12}(多少钱|学费|课时|开课|先修|几点)|\b[a-z]{2}\d{3}\b.{0,30}\b(cost|price|fees?|start|prerequisites?)\b|\b(how much|price|fees?|when does|prerequisites?)\b.{0,30}\b[a-z]{2}\d{3}\b/ },
  // A course named by a word of its name ("代数那门课什么时候开始", "when does the algebra course start").
  { intent: 'course_info', pattern: new RegExp(`(${COURSE_WORDS}).{0,10}(多少钱|学费|几节|课时|开课|什么时候(开始|开课|上课)|哪天开始|几号开始|先修)|\\b(when does|how much is)\\b.{0,20}\\b(${COURSE_WORDS})\\b`, 'u') },
  { intent: 'recommend_course', pattern: /推荐.{0,6}(课|班)|报什么(课|班)|选课|\b(recommend|which course|suggest a course)\b/ },
  { intent: 'homework_help', pattern: /作业|这道题|怎么解|怎么求|什么意思|怎么用|\bhomework\b|how do I (solve|calculate|find|write|fix)/ },
  // Last: the answer to "your student id?" (with or without the phone digits) and nothing else. A message that also
  // asks for something ("学号S240117，尾号5678，帮我看看学习进度") is that request, with its credentials given up front.
  { intent: 'student_credentials', pattern: CREDENTIALS_ONLY },
];

/** Loads the education pack: training phrases, templates, FAQ, course notes, tools and skills. */
export async function loadEducationPack(): Promise<PackDefinition<EducationDb>> {
  const [folder, notes] = await Promise.all([readPackFolder(import.meta.url, 'education'), loadCourseNotes()]);
  const tokenizer = createTokenizer({ dropStopwords: true });
  const homework = createHomeworkHelpSkill({ notes: createRetriever({ docs: notes }, { tokenizer }), tokenizer });
  return {
    ...folder,
    intentLabels: EDUCATION_INTENT_LABELS,
    tools: educationTools as unknown as PackDefinition<EducationDb>['tools'],
    skills: [recommendCourseSkill, studyPlanSkill, enrollSkill, scheduleSkill, courseInfoSkill, refundSkill, homework],
    catalog: noCatalog,
    intentHints: EDUCATION_INTENT_HINTS,
  };
}
