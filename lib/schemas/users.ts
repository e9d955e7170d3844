// Request schemas for accounts and profiles, shared by the API, the OpenAPI document and the forms.
import { z } from 'zod';
import { nameLine, prose, text, visibleOrEmpty } from './common';

/** Plain ASCII, compared without regard to case; full-width look-alikes fold into it (NFKC). */
export const username = text()
  .normalize('NFKC')
  .trim()
  .min(3, 'Use at least 3 characters.')
  .max(32, 'Use at most 32 characters.')
  .regex(/^[A-Za-z0-9_.-]+$/, 'Use only letters, digits, “_”, “.” and “-”.')
  // `@all` mentions a whole group: no one may be called that.
  .refine((name) => name.toLowerCase() !== 'all', 'That name is taken.');

export const password = text().min(8, 'Use at least 8 characters.').max(256, 'Use at most 256 characters.');

export const displayName = nameLine()
  .trim()
  .min(1, 'Enter a display name.')
  .max(64, 'Use at most 64 characters.')
  .refine(visibleOrEmpty, 'Enter a display name.');

export const bio = prose().trim().max(500, 'Use at most 500 characters.');

/** Avatars are uploaded (PUT /api/users/me/avatar); here only `null` is accepted, to remove it. */
export const avatarUrl = z.null({ error: 'Upload an avatar with PUT /api/users/me/avatar; a remote URL would tell its host who reads what.' });

export const registerInput = z.object({
  username,
  password,
  displayName: displayName.optional(),
});

/**
 * Sign-in takes only what could be a username, in its canonical form, so that the sign-in limit
 * (keyed by the trimmed, lower-cased name) cannot be dodged with look-alike spellings of one account.
 */
export const signInInput = z.object({
  username: text()
    .normalize('NFKC')
    .trim()
    .min(1, { message: 'Enter your username.', abort: true })
    .max(32, 'No account has a username like that.')
    .regex(/^[A-Za-z0-9_.-]{3,}$/, 'No account has a username like that.'),
  password: text().min(1, 'Enter your password.').max(256),
});

const YEAR_MS = 366 * 24 * 3600 * 1000;

/** A time when do not disturb ends: in the future, at most a year ahead. */
export const dndUntil = z.iso
  .datetime({ offset: true })
  .refine((iso) => Date.parse(iso) > Date.now(), 'Pick a time in the future.')
  .refine((iso) => Date.parse(iso) <= Date.now() + YEAR_MS, 'Pick a time within a year.');

export const updateProfileInput = z
  .object({
    displayName: displayName.optional(),
    bio: bio.optional(),
    avatarUrl: avatarUrl.optional(),
    dnd: z.boolean().optional().meta({ description: 'true: do not disturb until you switch it off; false: off.' }),
    dndUntil: dndUntil.optional().meta({ description: 'Do not disturb until then.' }),
    emailNotifications: z.boolean().optional().meta({ description: 'Missed-message emails to your verified address.' }),
  })
  .strict()
  .refine((input) => input.dnd === undefined || input.dndUntil === undefined, { message: 'Send dnd or dndUntil, not both.', path: ['dndUntil'] });

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
