import {
  createProjectInput,
  listProjectsInput,
  projectRefInput,
  setProjectArchivedInput,
} from '@cairn/core/schemas/project';
import { createProject } from '@cairn/services/projects/create-project';
import { getProject } from '@cairn/services/projects/get-project';
import { listProjects } from '@cairn/services/projects/list-projects';
import { setProjectArchived } from '@cairn/services/projects/set-project-archived';
import { createRouter, teamProcedure } from '../trpc';

export const projectRouter = createRouter({
  list: teamProcedure('project:read')
    .input(listProjectsInput)
    .query(({ ctx, input }) => listProjects(ctx, input)),
  byId: teamProcedure('project:read')
    .input(projectRefInput)
    .query(({ ctx, input }) => getProject(ctx, input)),
  create: teamProcedure('project:write')
    .input(createProjectInput)
    .mutation(({ ctx, input }) => createProject(ctx, input)),
  setArchived: teamProcedure('project:archive')
    .input(setProjectArchivedInput)
    .mutation(({ ctx, input }) => setProjectArchived(ctx, input)),
});
