import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { EcommerceDb } from '../store/types.ts';

const digits = (value: string) => value.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');

export const findUserIdByPhone = defineTool({
  name: 'find_user_id_by_phone',
  description: 'Find user id by the mobile phone number on the account (Chinese store).',
  input: z.object({ phone: z.string().trim().min(5).max(20) }),
  write: false,
  execute({ phone }, context: { data: EcommerceDb }) {
    const wanted = digits(phone);
    for (const [userId, user] of Object.entries(context.data.users)) {
      if (user.phone && digits(user.phone) === wanted) return userId;
    }
    throw new ToolError('user not found');
  },
});
