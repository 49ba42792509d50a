import { z } from 'zod';
import { idSchema } from './common';

export const setUserDisabledInput = z.object({ userId: idSchema, isDisabled: z.boolean() });
export type SetUserDisabledInput = z.infer<typeof setUserDisabledInput>;
