import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { EcommerceDb } from '../store/types.ts';

export const findUserIdByEmail = defineTool({
  name: 'find_user_id_by_email',
  description: 'Find user id by email. If the user is not found, the function will return an error message.',
  input: z.object({ email: z.string().trim().min(3).max(200) }),
  write: false,
  execute({ email }, context: { data: EcommerceDb }) {
    const wanted = email.toLowerCase();
    for (const [userId, user] of Object.entries(context.data.users)) {
      if (user.email.toLowerCase() === wanted) return userId;
    }
    throw new ToolError('user not found');
  },
});
