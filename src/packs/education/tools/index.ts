import { enrollCourse } from './enroll-course.ts';
import { getStudent } from './get-student.ts';
import { quoteRefund, refundEnrolment } from './refund-enrolment.ts';
import { verifyStudent } from './verify-student.ts';

/** Every tool of the education pack, by name. */
export const educationTools = {
  verify_student: verifyStudent,
  get_student: getStudent,
  enroll_course: enrollCourse,
  quote_refund: quoteRefund,
  refund_enrolment: refundEnrolment,
} as const;
