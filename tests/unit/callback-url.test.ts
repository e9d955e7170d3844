import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from '@/lib/auth/current';

describe('the callback URL after sign-in', () => {
  it('keeps a path on this site, with its query and hash', () => {
    expect(safeCallbackUrl('/chat/0b6c?tab=members&x=%2F#m-42')).toBe('/chat/0b6c?tab=members&x=%2F#m-42');
    expect(safeCallbackUrl(['/people?q=ada', '/ignored'])).toBe('/people?q=ada');
    expect(safeCallbackUrl('/users/%E2%9C%93')).toBe('/users/%E2%9C%93');
  });

  it.each([
    ['a tab, percent-encoded (browsers drop it: //evil.example)', '/%09/evil.example'],
    ['a newline, percent-encoded', '/%0a/evil.example'],
    ['a carriage return, percent-encoded', '/%0d/evil.example'],
    ['a raw tab', '/\t/evil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['an encoded backslash after a slash', '/%5C/evil.example'],
    ['a scheme without slashes', 'https:evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash (read as a slash)', '/\\evil.example'],
    ['slashes encoded into a protocol-relative URL', '/%2F%2Fevil.example'],
    ['an absolute URL', 'https://evil.example/chat'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a malformed escape', '/%E0%A4%A'],
  ])('refuses %s', (_, value) => {
    expect(safeCallbackUrl(value)).toBe('/chat');
  });

  it('falls back when there is none', () => {
    expect(safeCallbackUrl(undefined)).toBe('/chat');
    expect(safeCallbackUrl('', '/people')).toBe('/people');
  });
});
