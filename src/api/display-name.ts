/**
 * Names people give things (regions, organisations, share-link labels, user names): printable
 * text without markup or control characters, 1–100 characters after trimming. Refusing markup
 * at the edge means no stored name can carry HTML, whatever a client later does with it.
 */
import { z } from 'zod';

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => !/[<>{}\\`\p{Cc}\p{Cf}]/u.test(s), {
    message: 'use letters, digits, spaces and ordinary punctuation (no < > { } \\ ` or control characters)',
  });
