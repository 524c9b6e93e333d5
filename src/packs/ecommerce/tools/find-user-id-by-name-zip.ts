import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { EcommerceDb } from '../store/types.ts';

export const findUserIdByNameZip = defineTool({
  name: 'find_user_id_by_name_zip',
  description: 'Find user id by first name, last name, and zip code. If the user is not found, the function will return an error message. By default, find user id by email, and only call this function if the user is not found by email or cannot remember email.',
  input: z.object({
    first_name: z.string().trim().min(1).max(100),
    last_name: z.string().trim().min(1).max(100),
    zip: z.string().trim().min(3).max(12),
  }),
  write: false,
  execute({ first_name: first, last_name: last, zip }, context: { data: EcommerceDb }) {
    for (const [userId, user] of Object.entries(context.data.users)) {
      if (user.name.first_name.toLowerCase() === first.toLowerCase()
        && user.name.last_name.toLowerCase() === last.toLowerCase()
        && user.address.zip === zip) return userId;
    }
    throw new ToolError('user not found');
  },
});
