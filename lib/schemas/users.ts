// Request schemas for accounts and profiles, shared by the API, the OpenAPI document and the forms.
import { z } from 'zod';
import { text } from './common';

export const username = text()
  .trim()
  .min(3, 'Use at least 3 characters.')
  .max(32, 'Use at most 32 characters.')
  .regex(/^[A-Za-z0-9_.-]+$/, 'Use only letters, digits, “_”, “.” and “-”.');

export const password = text().min(8, 'Use at least 8 characters.').max(256, 'Use at most 256 characters.');

export const displayName = text().trim().min(1, 'Enter a display name.').max(64, 'Use at most 64 characters.');

export const bio = text().trim().max(500, 'Use at most 500 characters.');

export const avatarUrl = text()
  .trim()
  .max(2048, 'Use at most 2,048 characters.')
  .refine((v) => {
    try {
      return ['https:', 'http:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'Enter an http(s) URL.');

export const registerInput = z.object({
  username,
  password,
  displayName: displayName.optional(),
});

export const signInInput = z.object({
  username: text().trim().min(1, 'Enter your username.').max(64),
  password: text().min(1, 'Enter your password.').max(256),
});

export const updateProfileInput = z
  .object({
    displayName: displayName.optional(),
    bio: bio.optional(),
    avatarUrl: avatarUrl.nullable().optional(),
  })
  .strict();

export const changePasswordInput = z.object({
  currentPassword: text().min(1, 'Enter your current password.').max(256),
  newPassword: password,
});

export const deleteAccountInput = z.object({
  password: text().min(1, 'Enter your password to confirm.').max(256),
});

export const searchUsersQuery = z.object({
  q: text().trim().max(64).optional(),
});

export type RegisterInput = z.infer<typeof registerInput>;
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;
