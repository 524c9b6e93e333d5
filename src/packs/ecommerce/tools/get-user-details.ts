import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { User } from '../store/types.ts';
import { assertOwner, type StoreContext } from './shared.ts';

export const getUserDetails = defineTool({
  name: 'get_user_details',
  description: 'Get the details of a user, including their orders.',
  input: z.object({ user_id: z.string().trim().min(1).max(100) }),
  write: false,
  execute({ user_id: userId }, context: StoreContext): User {
    const user = context.data.users[userId];
    if (!user) throw new ToolError('user not found');
    assertOwner(context, userId);
    return user;
  },
});
