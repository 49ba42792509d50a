import { z } from 'zod';

export const idSchema = z.uuid({ message: 'Must be a valid id' });
export const teamIdSchema = idSchema;
export const nameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Name is required' })
  .max(100, { message: 'Name must be at most 100 characters' });
export const descriptionSchema = z
  .string()
  .trim()
  .max(2_000, { message: 'Description must be at most 2,000 characters' });
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: 'Email must be at most 254 characters' })
  .pipe(z.email({ message: 'Must be a valid email address' }));
export const pageSizeSchema = z.number().int().min(1).max(200).default(50);
