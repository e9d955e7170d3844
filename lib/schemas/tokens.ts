// Request schemas for personal access tokens.
import { z } from 'zod';
import { text } from './common';

export const createTokenInput = z.object({
  name: text().trim().min(1, 'Name the token.').max(64, 'Use at most 64 characters.'),
  expiresInDays: z.number().int().min(1).max(365).optional(),
});

export type CreateTokenInput = z.infer<typeof createTokenInput>;
