import {
  addMemberInput,
  listMembersInput,
  removeMemberInput,
  updateMemberRoleInput,
} from '@cairn/core/schemas/member';
import { addMember } from '@cairn/services/members/add-member';
import { listMembers } from '@cairn/services/members/list-members';
import { removeMember } from '@cairn/services/members/remove-member';
import { updateMemberRole } from '@cairn/services/members/update-member-role';
import { createRouter, teamProcedure } from '../trpc';

export const memberRouter = createRouter({
  list: teamProcedure('member:read')
    .input(listMembersInput)
    .query(({ ctx, input }) => listMembers(ctx, input)),
  add: teamProcedure('member:manage')
    .input(addMemberInput)
    .mutation(({ ctx, input }) => addMember(ctx, input)),
  updateRole: teamProcedure('member:manage')
    .input(updateMemberRoleInput)
    .mutation(({ ctx, input }) => updateMemberRole(ctx, input)),
  remove: teamProcedure('member:manage')
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx, input)),
});
