// What a failed browser sign-in reports: next-auth passes these strings from authorize() to the
// form, in the URL it answers with, so they are fixed codes and never an error's own text.
export const signInErrors = { wrong: 'CredentialsSignin', rateLimitedPrefix: 'rate_limited:', unavailable: 'unavailable', internal: 'internal' } as const;

export function signInErrorMessage(error: string): string {
  if (error.startsWith(signInErrors.rateLimitedPrefix)) {
    return `Too many attempts. Try again in ${error.slice(signInErrors.rateLimitedPrefix.length)} seconds.`;
  }
  if (error === signInErrors.wrong) return 'Wrong username or password.';
  if (error === signInErrors.unavailable) return 'Signing in is briefly unavailable. Try again shortly.';
  return 'Could not sign in. Try again.';
}
