/**
 * Generates the healthcare pack's demo hospital: departments, ~20 doctors with weekly schedules, ~60 patients
 * with appointments, reports and last check-up dates → src/packs/healthcare/data/hospital.json.
 *
 * Deterministic: a seeded mulberry32 PRNG and a fixed reference time; no Date.now(), no network.
 * All names and phone numbers are invented. Run: npx tsx scripts/generate-healthcare-data.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/engine/seeded-random.ts';

const SEED = 20261121;
/** "Now" of the demo data: conversation tests run at this instant. */
const REFERENCE_DATE = '2026-11-20';
const output = join(dirname(fileURLToPath(import.meta.url)), '..', 'src/packs/healthcare/data/hospital.json');

// The project's one seeded PRNG (mulberry32), so data generation and training share it.
const mulberry32 = seededRandom;
const random = mulberry32(SEED);
const integer = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

const SLOTS = ['08:30-10:00', '10:00-11:30', '14:00-15:30', '15:30-17:00'];

const departments = [
  { id: 'cardiology', name: { zh: '心血管内科', en: 'Cardiology' }, location: { zh: '门诊楼 3 层 A 区', en: 'Outpatient building, floor 3, zone A' } },
  { id: 'respiratory', name: { zh: '呼吸内科', en: 'Respiratory Medicine' }, location: { zh: '门诊楼 3 层 B 区', en: 'Outpatient building, floor 3, zone B' } },
  { id: 'gastroenterology', name: { zh: '消化内科', en: 'Gastroenterology' }, location: { zh: '门诊楼 4 层 A 区', en: 'Outpatient building, floor 4, zone A' } },
  { id: 'neurology', name: { zh: '神经内科', en: 'Neurology' }, location: { zh: '门诊楼 4 层 B 区', en: 'Outpatient building, floor 4, zone B' } },
  { id: 'endocrinology', name: { zh: '内分泌科', en: 'Endocrinology' }, location: { zh: '门诊楼 5 层 A 区', en: 'Outpatient building, floor 5, zone A' } },
  { id: 'general', name: { zh: '全科医学科', en: 'General Medicine' }, location: { zh: '门诊楼 2 层 A 区', en: 'Outpatient building, floor 2, zone A' } },
  { id: 'orthopedics', name: { zh: '骨科', en: 'Orthopedics' }, location: { zh: '外科楼 2 层', en: 'Surgery building, floor 2' } },
  { id: 'dermatology', name: { zh: '皮肤科', en: 'Dermatology' }, location: { zh: '门诊楼 5 层 B 区', en: 'Outpatient building, floor 5, zone B' } },
  { id: 'ent', name: { zh: '耳鼻喉科', en: 'Ear, Nose and Throat (ENT)' }, location: { zh: '门诊楼 6 层 A 区', en: 'Outpatient building, floor 6, zone A' } },
  { id: 'ophthalmology', name: { zh: '眼科', en: 'Ophthalmology' }, location: { zh: '门诊楼 6 层 B 区', en: 'Outpatient building, floor 6, zone B' } },
  { id: 'gynecology', name: { zh: '妇科', en: 'Gynecology' }, location: { zh: '妇儿楼 2 层', en: "Women's and children's building, floor 2" } },
  { id: 'pediatrics', name: { zh: '儿科', en: 'Pediatrics' }, location: { zh: '妇儿楼 1 层', en: "Women's and children's building, floor 1" } },
  { id: 'urology', name: { zh: '泌尿外科', en: 'Urology' }, location: { zh: '外科楼 3 层', en: 'Surgery building, floor 3' } },
  { id: 'psychology', name: { zh: '心理科', en: 'Psychology and Mental Health' }, location: { zh: '门诊楼 7 层', en: 'Outpatient building, floor 7' } },
  { id: 'dentistry', name: { zh: '口腔科', en: 'Dentistry' }, location: { zh: '门诊楼 2 层 B 区', en: 'Outpatient building, floor 2, zone B' } },
  { id: 'health_check', name: { zh: '体检中心', en: 'Health Check Center' }, location: { zh: '体检楼 1 层', en: 'Health check building, floor 1' } },
];

// [department, zh name, en name]; one to two doctors per department, 20 in all.
const doctorNames: Array<[string, string, string]> = [
  ['cardiology', '王建国', 'Wang Jianguo'], ['cardiology', '李敏', 'Li Min'], ['respiratory', '张伟', 'Zhang Wei'],
  ['respiratory', '陈静', 'Chen Jing'], ['gastroenterology', '刘洋', 'Liu Yang'], ['neurology', '赵磊', 'Zhao Lei'],
  ['endocrinology', '孙丽', 'Sun Li'], ['general', '周平', 'Zhou Ping'], ['general', '吴芳', 'Wu Fang'],
  ['orthopedics', '郑强', 'Zheng Qiang'], ['dermatology', '冯雪', 'Feng Xue'], ['ent', '何军', 'He Jun'],
  ['ophthalmology', '高原', 'Gao Yuan'], ['gynecology', '林娟', 'Lin Juan'], ['pediatrics', '罗晨', 'Luo Chen'],
  ['pediatrics', '黄蕾', 'Huang Lei'], ['urology', '马超', 'Ma Chao'], ['psychology', '许宁', 'Xu Ning'],
  ['dentistry', '唐浩', 'Tang Hao'], ['health_check', '韩梅', 'Han Mei'],
];
const titles = [
  { zh: '主任医师', en: 'Chief Physician' }, { zh: '副主任医师', en: 'Associate Chief Physician' }, { zh: '主治医师', en: 'Attending Physician' },
];
const weekPatterns = [[1, 3, 5], [2, 4, 6], [1, 2, 4], [3, 5, 6], [1, 2, 3, 4, 5]];
const doctors = doctorNames.map(([department, zh, en], index) => ({
  id: `D${String(index + 1).padStart(3, '0')}`,
  department,
  name: { zh, en: `Dr. ${en}` },
  title: pick(titles),
  weekdays: weekPatterns[index % weekPatterns.length],
  fee: { zh: '', en: '' },
}));
for (const doctor of doctors) {
  const amount = doctor.title.zh === '主任医师' ? 50 : doctor.title.zh === '副主任医师' ? 30 : 20;
  doctor.fee = { zh: `${amount} 元`, en: `CNY ${amount}` };
}

const zhSurnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const zhGiven = ['秀英', '桂芳', '志强', '丽娟', '建华', '海燕', '晓明', '雨欣', '子涵', '浩然', '佳怡', '文博', '思远', '梦琪', '俊杰'];
const enFirst = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'James', 'Sophia', 'Lucas', 'Mia', 'Ethan', 'Grace', 'Henry'];
const enLast = ['Smith', 'Johnson', 'Brown', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Moore', 'Taylor', 'Clark'];
const reportKinds = [
  { zh: '血常规', en: 'Complete blood count' }, { zh: '肝功能', en: 'Liver function panel' }, { zh: '胸部 CT', en: 'Chest CT' },
  { zh: '心电图', en: 'ECG' }, { zh: '腹部彩超', en: 'Abdominal ultrasound' }, { zh: '甲状腺功能', en: 'Thyroid function' },
];

const patients: Array<Record<string, unknown>> = [];
const appointments: Array<Record<string, unknown>> = [];
const reports: Array<Record<string, unknown>> = [];
const usedPhones = new Set<string>();
function uniquePhone(make: () => string): string {
  for (;;) { const phone = make(); if (!usedPhones.has(phone)) { usedPhones.add(phone); return phone; } }
}
/** A date a doctor works, `from` days from the reference date or later. */
function workingDay(doctor: (typeof doctors)[number], from: number): string {
  let date = addDays(REFERENCE_DATE, from);
  while (!doctor.weekdays.includes(weekday(date))) date = addDays(date, 1);
  return date;
}

for (let index = 0; index < 60; index++) {
  const english = index >= 40;
  const id = `P${String(index + 1).padStart(4, '0')}`;
  const name = english ? `${pick(enFirst)} ${pick(enLast)}` : `${pick(zhSurnames)}${pick(zhGiven)}`;
  const phone = uniquePhone(english
    ? () => `${pick(['415', '212', '617', '312'])}555${String(integer(100, 9999)).padStart(4, '0')}`
    : () => `1${pick(['38', '39', '58', '86', '37'])}${String(integer(0, 99999999)).padStart(8, '0')}`);
  const birthYear = integer(1948, 2022);
  const lastCheckup = addDays(REFERENCE_DATE, -integer(60, 700));
  const conditions = birthYear < 1975 && index % 3 === 0 ? ['hypertension'] : index % 11 === 0 ? ['diabetes'] : [];
  patients.push({ id, name, phone, locale: english ? 'en' : 'zh', birth_year: birthYear, sex: index % 2 ? 'female' : 'male', last_checkup: lastCheckup, conditions });
  // One past visit for most, an upcoming one for about half.
  if (index % 5 !== 4) {
    const doctor = pick(doctors);
    appointments.push({ id: `A${1000 + appointments.length}`, patient_id: id, doctor_id: doctor.id, department: doctor.department, date: addDays(REFERENCE_DATE, -integer(3, 60)), slot: pick(SLOTS), status: 'completed' });
  }
  if (index % 2 === 0) {
    const doctor = pick(doctors);
    appointments.push({ id: `A${1000 + appointments.length}`, patient_id: id, doctor_id: doctor.id, department: doctor.department, date: workingDay(doctor, integer(1, 10)), slot: pick(SLOTS), status: 'booked' });
  }
  if (index % 3 !== 2) {
    const ready = index % 4 !== 1;
    reports.push({ id: `R${5000 + reports.length}`, patient_id: id, kind: pick(reportKinds), ordered_on: addDays(REFERENCE_DATE, -integer(1, 6)), status: ready ? 'ready' : 'pending', ready_on: ready ? addDays(REFERENCE_DATE, -integer(0, 1)) : addDays(REFERENCE_DATE, integer(1, 3)) });
  }
}

const hospital = {
  name: { zh: '灵犀示范医院', en: 'Lingxi Demo Hospital' },
  reference_date: REFERENCE_DATE,
  slots: SLOTS,
  slot_capacity: 2,
  booking_days: 14,
  departments, doctors, patients, appointments, reports,
};
writeFileSync(output, `${JSON.stringify(hospital, null, 1)}\n`);
console.log(`wrote ${output}: ${departments.length} departments, ${doctors.length} doctors, ${patients.length} patients, ${appointments.length} appointments, ${reports.length} reports`);
