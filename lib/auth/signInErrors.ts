// What a failed browser sign-in reports: next-auth passes these strings from authorize() to the form.
export const signInErrors = { wrong: 'CredentialsSignin', rateLimitedPrefix: 'rate_limited:' } as const;

export function signInErrorMessage(error: string): string {
  if (error.startsWith(signInErrors.rateLimitedPrefix)) {
    return `Too many attempts. Try again in ${error.slice(signInErrors.rateLimitedPrefix.length)} seconds.`;
  }
  if (error === signInErrors.wrong) return 'Wrong username or password.';
  return 'Could not sign in. Try again.';
}
