import { readFile } from 'node:fs/promises';
import type { EducationDb, Enrolment, Student } from './types.ts';

let raw: Promise<{ students: Record<string, Student>; enrolments: Enrolment[] }> | undefined;

async function readBundled() {
  const read = async (file: string) => JSON.parse(await readFile(new URL(`../data/${file}.json`, import.meta.url), 'utf8'));
  const [students, enrolments] = await Promise.all([read('students'), read('enrolments')]);
  return { students, enrolments };
}

/** A fresh, independent copy of the bundled demo school (tools mutate it). */
export async function loadEducationData(): Promise<EducationDb> {
  raw ??= readBundled();
  const { students, enrolments } = await raw;
  return { currency: 'CNY', students: structuredClone(students), enrolments: structuredClone(enrolments) };
}
