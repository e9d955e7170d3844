import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '@/lib/schemas/common';
import { emoji } from '@/lib/schemas/conversations';
import { registerInput, signInInput, updateProfileInput, username } from '@/lib/schemas/users';
import { describeError } from '@/lib/log';

describe('usernames', () => {
  it.each(['abc', 'a.b-c_d', 'X'.repeat(32), 'User99'])('accepts %s', (name) => {
    expect(username.safeParse(name).success).toBe(true);
  });

  it.each(['ab', 'X'.repeat(33), 'has space', 'émile', 'semi;colon', '', 'all', 'ALL'])('refuses %j', (name) => {
    expect(username.safeParse(name).success).toBe(false);
  });
});

describe('registration input', () => {
  it('bounds the password to 8–256 characters', () => {
    expect(registerInput.safeParse({ username: 'abc', password: '1234567' }).success).toBe(false);
    expect(registerInput.safeParse({ username: 'abc', password: '12345678' }).success).toBe(true);
    expect(registerInput.safeParse({ username: 'abc', password: 'x'.repeat(257) }).success).toBe(false);
  });
});

describe('profile input', () => {
  it('accepts no avatar URL but null (avatars are uploaded: a remote one would track its readers)', () => {
    expect(updateProfileInput.safeParse({ avatarUrl: 'https://example.com/a.png' }).success).toBe(false);
    expect(updateProfileInput.safeParse({ avatarUrl: '/api/users/x/avatar?v=1' }).success).toBe(false);
    expect(updateProfileInput.safeParse({ avatarUrl: null }).success).toBe(true);
    expect(updateProfileInput.safeParse({ avatarUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(updateProfileInput.safeParse({ avatarUrl: 'data:image/png;base64,xx' }).success).toBe(false);
  });

  it('refuses a display name of only white space', () => {
    expect(updateProfileInput.safeParse({ displayName: '   ' }).success).toBe(false);
  });
});

describe('cursors', () => {
  it('round-trip, and anything else decodes to null', () => {
    expect(decodeCursor(encodeCursor(['bob', 3]))).toEqual(['bob', 3]);
    expect(decodeCursor('not base64 json')).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull();
  });
});

describe('logged errors', () => {
  it('never carry the query parameters Drizzle puts in its messages', () => {
    const error = new Error('Failed query: insert into users values ($1)\nparams: alice,$argon2id$v=19$secret');
    const described = JSON.stringify(describeError(error));
    expect(described).not.toContain('argon2id');
    expect(described).toContain('Failed query');
  });
});

describe('text from clients', () => {
  it('refuses NUL characters, which PostgreSQL cannot store, with a clear message', async () => {
    const { messageBody } = await import('@/lib/schemas/conversations');
    const { searchUsersQuery, bio } = await import('@/lib/schemas/users');
    for (const [schema, value] of [
      [messageBody, 'a\u0000b'],
      [bio, '\u0000'],
      [searchUsersQuery, { q: '%00\u0000' }],
    ] as const) {
      const result = (schema as { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }).safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0].message).toBe('NUL characters are not allowed.');
    }
  });
});

describe('text people see: names, titles, bios and message bodies', async () => {
  const { messageBody, title } = await import('@/lib/schemas/conversations');
  const { bio, displayName } = await import('@/lib/schemas/users');
  const fields = { displayName, title, bio, messageBody } as const;

  // Each would let one person pass for another, hide text, or reorder what others read.
  const hostile: [string, string][] = [
    ['right-to-left override', 'evil\u202Egnp.exe'],
    ['left-to-right override', '\u202Dadmin'],
    ['right-to-left embedding', '\u202Bx'],
    ['pop directional formatting', 'x\u202C'],
    ['directional isolates', '\u2066admin\u2069'],
    ['first strong isolate', '\u2068x'],
    ['left-to-right mark', 'admin\u200E'],
    ['right-to-left mark', '\u200Fadmin'],
    ['Arabic letter mark', '\u061Cadmin'],
    ['zero-width space', 'ad\u200Bmin'],
    ['only a zero-width space', '\u200B'],
    ['zero-width joiner between Latin letters', 'pay\u200Dpal'],
    ['zero-width non-joiner between Latin letters', 'pay\u200Cpal'],
    ['word joiner', 'ad\u2060min'],
    ['byte order mark', '\uFEFFadmin'],
    ['soft hyphen', 'ad\u00ADmin'],
    ['Mongolian vowel separator', 'ad\u180Emin'],
    ['invisible times', 'a\u2062b'],
    ['interlinear annotation', '\uFFF9x\uFFFA'],
    ['Hangul filler', '\u3164'],
    ['Hangul choseong filler', '\u115F'],
    ['Hangul jungseong filler', '\u1160'],
    ['halfwidth Hangul filler', '\uFFA0'],
    ['Hangul filler beside a name', 'admin\u3164'],
    ['Braille blank', '\u2800'],
    ['combining grapheme joiner', 'a\u034Fb'],
    ['Khmer inherent vowel', 'a\u17B4'],
    ['bell', 'a\u0007b'],
    ['escape', 'a\u001B[31mred'],
    ['backspace', 'abc\u0008\u0008'],
    ['delete', 'a\u007F'],
    ['next line (C1)', 'a\u0085b'],
    ['line separator', 'a\u2028b'],
    ['paragraph separator', 'a\u2029b'],
    ['a lone surrogate', 'a\uD800b'],
    ['a stray tag character', 'a\u{E0041}'],
  ];

  for (const [name, schema] of Object.entries(fields)) {
    it.each(hostile)(`${name} refuses a %s`, (_, value) => {
      expect(schema.safeParse(value).success).toBe(false);
    });
  }

  // Real names and real text keep working, joiners and all.
  const friendly = [
    'Ada Lovelace',
    'Zoë Saldaña',
    '李小龍',
    'محمد',
    'שלום',
    'नमस्ते',
    'می\u200Cخواهم', // Persian: a zero-width non-joiner between letters
    'क्\u200Dष', // Devanagari: a zero-width joiner between letters
    '👩\u200D💻 dev', // an emoji ZWJ sequence
    '👨\u200D👩\u200D👧',
    '🏳\uFE0F\u200D🌈',
    '👍🏽 ok',
    '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', // the flag of Scotland: tag characters after a black flag
  ];
  for (const [name, schema] of Object.entries(fields)) {
    it.each(friendly)(`${name} accepts %s`, (value) => {
      expect(schema.safeParse(value).data).toBe(value.normalize('NFC'));
    });
  }

  it.each([
    ['displayName', ' '],
    ['displayName', '\u3000'],
    ['displayName', '\u0301'],
    ['title', '\u00A0\u2003'],
    ['messageBody', ' \n\t '],
    ['messageBody', '\u3000\u205F'],
    ['messageBody', '\u0301\u0301'],
    ['messageBody', '\uFE0F'],
  ] as const)('%s refuses %j: nothing visible', (field, value) => {
    expect(fields[field].safeParse(value).success).toBe(false);
  });

  it('folds compatibility forms in names and titles (NFKC), so look-alikes become the letters they look like', () => {
    expect(displayName.parse('ＡＤＡ')).toBe('ADA');
    expect(displayName.parse('ﬁnn')).toBe('finn');
    expect(title.parse('Ｌａｕｎｃｈ')).toBe('Launch');
    expect(displayName.parse('Jose\u0301')).toBe('José');
  });

  it('keeps what a writer meant in bodies and bios: composed (NFC), not folded', () => {
    expect(messageBody.parse('e = mc²')).toBe('e = mc²');
    expect(bio.parse('Jose\u0301 ½')).toBe('José ½');
  });

  it('allows new lines and tabs in bodies and bios only, and turns CR LF into LF', () => {
    expect(messageBody.parse('one\r\ntwo\rthree\n\tfour')).toBe('one\ntwo\nthree\n\tfour');
    expect(bio.parse('line one\nline two')).toBe('line one\nline two');
    expect(displayName.safeParse('two\nlines').success).toBe(false);
    expect(title.safeParse('tab\there').success).toBe(false);
  });

  it('measures the limit after normalising: a ligature that unfolds cannot stretch a name past it', () => {
    expect(displayName.safeParse('\uFDFA'.repeat(4)).success).toBe(false);
  });
});

describe('sign-in input', () => {
  it('applies the username pattern, after trimming and folding compatibility forms', () => {
    expect(signInInput.safeParse({ username: ' Ada ', password: 'x' }).data).toEqual({ username: 'Ada', password: 'x' });
    expect(signInInput.safeParse({ username: 'ａｄａ', password: 'x' }).data?.username).toBe('ada');
    for (const username of ['a b', 'ad\u200Bmin', 'admin\u202E', 'émile', 'x'.repeat(33)]) {
      expect(signInInput.safeParse({ username, password: 'x' }).success, username).toBe(false);
    }
  });
});

describe('a reaction’s emoji', () => {
  it('is exactly one emoji grapheme: skin tones, ZWJ sequences, flags and keycaps included', () => {
    for (const one of ['👍', '👍🏽', '🧑‍💻', '👨‍👩‍👧‍👦', '🇫🇷', '1️⃣', '❤️', '🏳️‍🌈']) expect(emoji.safeParse(one).success, one).toBe(true);
  });

  it('refuses two emoji, text, short codes, spaces and invisible characters', () => {
    for (const bad of ['👍👍', 'a', ':+1:', '1', '', ' 👍', '👍 ', '\u200d', '👍\u0000', 'x'.repeat(40), '🇫'])
      expect(emoji.safeParse(bad).success, bad).toBe(false);
  });
});
