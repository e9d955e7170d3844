// Request schemas for personal access tokens.
import { z } from 'zod';
import { text } from './common';

export const createTokenInput = z.object({
  name: text().trim().min(1, 'Name the token.').max(64, 'Use at most 64 characters.'),
  expiresInDays: z.number().int().min(1).max(365).optional(),
  /** A token acts as its owner until it expires or is revoked: making one asks for the password again. */
  password: text().min(1, 'Enter your password to confirm.').max(256),
});

export type CreateTokenInput = z.infer<typeof createTokenInput>;
