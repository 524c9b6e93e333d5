import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { HospitalContext } from './hospital-context.ts';

export const findPatientByPhone = defineTool({
  name: 'find_patient_by_phone',
  description: 'Find a patient id by the phone number registered with the hospital.',
  input: z.object({ phone: z.string().trim().min(5).max(20) }),
  write: false,
  execute({ phone }, context: HospitalContext): string {
    const digits = phone.replace(/\D/g, '');
    // With or without the country code (+86 China, +1 US).
    const forms = new Set([digits, digits.replace(/^86(?=1\d{10}$)/, ''), digits.replace(/^1(?=[2-9]\d{9}$)/, '')]);
    const patient = context.data.patients.find((p) => forms.has(p.phone));
    if (!patient) throw new ToolError('patient not found');
    return patient.id;
  },
});
