import { z } from 'zod';
import { ROLES } from '../roles';
import { emailSchema, idSchema, teamIdSchema } from './common';

export const listMembersInput = z.object({ teamId: teamIdSchema });
const roleSchema = z.enum(ROLES);

export const addMemberInput = z.object({ teamId: teamIdSchema, email: emailSchema, role: roleSchema });
export const updateMemberRoleInput = z.object({ teamId: teamIdSchema, userId: idSchema, role: roleSchema });
export const removeMemberInput = z.object({ teamId: teamIdSchema, userId: idSchema });

export type AddMemberInput = z.infer<typeof addMemberInput>;
export type UpdateMemberRoleInput = z.infer<typeof updateMemberRoleInput>;
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;
