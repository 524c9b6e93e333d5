import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import type { Report } from '../store/types.ts';
import { assertPatient, idSchema, type HospitalContext } from './hospital-context.ts';

export const getPatientReports = defineTool({
  name: 'get_patient_reports',
  description: "The identified patient's test reports with their status (ready / pending) and ready date, newest first.",
  input: z.object({ patient_id: idSchema }),
  write: false,
  execute({ patient_id: patientId }, context: HospitalContext): Report[] {
    assertPatient(context, patientId);
    return context.data.reports.filter((r) => r.patient_id === patientId).sort((a, b) => b.ordered_on.localeCompare(a.ordered_on));
  },
});
