import { describe, expect, it } from 'vitest';
import { initials } from '@/components/ui/Avatar';

describe('initials', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['Alice L. (QA)', 'AQ'],
    ['ada', 'A'],
    ['émile zola', 'ÉZ'],
    ['李 小龙', '李小'],
    ['(((', '?'],
    ['', '?'],
  ])('of %j are %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
