// The composer's autocomplete reads the word at the caret: an `@` or `:` starts one only at the
// start or after white space, and a pick replaces exactly that word.
import { describe, expect, it } from 'vitest';
import { activeTrigger, insertMention, justFinishedShortcode, replaceRange } from '@/components/chat/composer/triggers';

const at = (marked: string) => {
  const caret = marked.indexOf('|');
  return [marked.replace('|', ''), caret] as const;
};

describe('the word being completed', () => {
  it.each([
    ['@|', { kind: 'mention', query: '', start: 0, end: 1 }],
    ['hi @al|', { kind: 'mention', query: 'al', start: 3, end: 6 }],
    ['hi\n@Bo|b there', { kind: 'mention', query: 'Bo', start: 3, end: 7 }],
    [':thu|', { kind: 'emoji', query: 'thu', start: 0, end: 4 }],
    ['nice :+1|', { kind: 'emoji', query: '+1', start: 5, end: 8 }],
  ])('finds it in %j', (marked, expected) => {
    expect(activeTrigger(...at(marked))).toEqual(expected);
  });

  it.each(['mail me@exam|', 'at 12:30|', ':t|', 'smile :)|', '@al ice|', 'hello|', ':thumbsup:|'])('finds none in %j', (marked) => {
    expect(activeTrigger(...at(marked))).toBeNull();
  });
});

describe('a pick', () => {
  it('replaces the partial name with @username and one space, the caret after it', () => {
    const [text, caret] = at('hey @al| see this');
    const trigger = activeTrigger(text, caret)!;
    expect(insertMention(text, trigger, 'alice')).toEqual({ text: 'hey @alice see this', caret: 11 });
  });

  it('adds a space when nothing follows', () => {
    const [text, caret] = at('@b|');
    expect(insertMention(text, activeTrigger(text, caret)!, 'bob')).toEqual({ text: '@bob ', caret: 5 });
  });

  it('replaces the whole word when the caret is inside it', () => {
    const [text, caret] = at('@al|ic');
    expect(insertMention(text, activeTrigger(text, caret)!, 'alice').text).toBe('@alice ');
  });

  it('puts an emoji in place of its shortcode', () => {
    const [text, caret] = at('great :thu| work');
    const trigger = activeTrigger(text, caret)!;
    expect(replaceRange(text, trigger.start, trigger.end, '👍')).toEqual({ text: 'great 👍 work', caret: 8 });
  });

  it('knows a shortcode finished by its closing colon', () => {
    expect(justFinishedShortcode(...at('ok :tada:|'))).toEqual({ code: 'tada', start: 3, end: 9 });
    expect(justFinishedShortcode(...at('at 10:30:|'))).toBeNull();
  });
});
