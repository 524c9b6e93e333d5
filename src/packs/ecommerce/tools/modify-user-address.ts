import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { User } from '../store/types.ts';
import { addressFields } from './modify-pending-order-address.ts';
import { assertOwner, type StoreContext } from './shared.ts';

export const modifyUserAddress = defineTool({
  name: 'modify_user_address',
  description: "Modify the default address of a user. Needs explicit confirmation.",
  input: z.object({ user_id: z.string().trim().min(1).max(100), ...addressFields }),
  write: true,
  execute({ user_id: userId, ...address }, context: StoreContext): User {
    const user = context.data.users[userId];
    if (!user) throw new ToolError('user not found');
    assertOwner(context, userId);
    user.address = { address1: address.address1, address2: address.address2, city: address.city, state: address.state, country: address.country, zip: address.zip };
    return user;
  },
});
