import { z } from 'zod';
import { teamIdSchema } from './common';

export const teamRefInput = z.object({ teamId: teamIdSchema });
export type TeamRefInput = z.infer<typeof teamRefInput>;
