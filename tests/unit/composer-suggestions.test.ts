// Who an `@` offers and which emoji a `:shortcode` offers, best first.
import { describe, expect, it } from 'vitest';
import { mentionOptions } from '@/components/chat/composer/mentions';
import { emojiForShortcode, searchShortcodes, type ShortcodeEntry } from '@/components/chat/composer/shortcodes';
import { lastEditableMessage } from '@/components/chat/composer/lastEditable';
import { normalizeEmoji } from '@/lib/emoji/normalize';
import { conversation, ME, member, message, stateWith } from './chat-fixtures';
import { addPending } from '@/lib/client/pending';
import { applyUpdatedMessage } from '@/lib/client/timeline';

function person(id: string, username: string, displayName: string) {
  const m = member(id);
  return { ...m, user: { ...m.user, username, displayName } };
}

const team = conversation({
  members: [person(ME, 'me', 'Me Myself'), person('u1', 'alice', 'Alice Liddell'), person('u2', 'bob', 'Robert Allen'), person('u3', 'carol', 'Carol Ballard')],
});

describe('mention options', () => {
  it('never offers yourself, and offers @all last in a group', () => {
    expect(mentionOptions(team, ME, '').map((o) => o.username)).toEqual(['alice', 'carol', 'bob', 'all']);
  });

  it('puts username prefixes first, then display-name words, then anything containing the query, ignoring case', () => {
    // alice by username, bob by a word of "Robert Allen", carol because "Ballard" contains it; then @all.
    expect(mentionOptions(team, ME, 'AL').map((o) => o.username)).toEqual(['alice', 'bob', 'carol', 'all']);
    expect(mentionOptions(team, ME, 'rob').map((o) => o.username)).toEqual(['bob']);
    expect(mentionOptions(team, ME, 'lid').map((o) => o.username)).toEqual(['alice']);
  });

  it('has no @all in a direct conversation, and nothing for a query that matches nobody', () => {
    const direct = { ...team, type: 'direct' as const, members: team.members.slice(0, 2) };
    expect(mentionOptions(direct, ME, '').map((o) => o.username)).toEqual(['alice']);
    expect(mentionOptions(team, ME, 'zed')).toEqual([]);
    expect(mentionOptions(team, ME, 'me')).toEqual([]);
  });

  it('offers @all for "every" too', () => {
    expect(mentionOptions(team, ME, 'every').map((o) => o.username)).toEqual(['all']);
  });
});

const index: ShortcodeEntry[] = [
  ['😀', 'grinning face', ['grinning', 'grinning_face']],
  ['👍', 'thumbs up', ['+1', 'thumbsup', 'yes']],
  ['👎', 'thumbs down', ['-1', 'thumbsdown', 'no']],
  ['⛈️', 'cloud with lightning and rain', ['cloud_with_lightning_and_rain', 'thunder_cloud_and_rain']],
  ['☔', 'umbrella with rain drops', ['umbrella', 'umbrella_with_rain_drops']],
  ['🎉', 'party popper', ['tada', 'party_popper']],
];

describe('shortcode search', () => {
  it('ranks prefixes above words inside a code, keeping emojibase order among equals', () => {
    expect(searchShortcodes(index, 'thu').map((o) => `${o.emoji}:${o.shortcode}`)).toEqual(['👍:thumbsup', '👎:thumbsdown', '⛈️:thunder_cloud_and_rain']);
    expect(searchShortcodes(index, 'rain').map((o) => `${o.emoji}:${o.shortcode}`)).toEqual([
      '⛈️:cloud_with_lightning_and_rain',
      '☔:umbrella_with_rain_drops',
    ]);
    expect(searchShortcodes(index, 'popper').map((o) => o.emoji)).toEqual(['🎉']);
    expect(searchShortcodes(index, 'TADA')[0]).toMatchObject({ emoji: '🎉', shortcode: 'tada' });
  });

  it('finds an emoji by a word of its name', () => {
    expect(searchShortcodes(index, 'lightning').map((o) => o.emoji)).toEqual(['⛈️']);
  });

  it('knows a complete shortcode', () => {
    expect(emojiForShortcode(index, '+1')).toBe('👍');
    expect(emojiForShortcode(index, 'nope')).toBeNull();
  });
});

describe('one spelling per emoji', () => {
  it('drops a selector an emoji-presentation character does not need, and keeps the one a heart does', () => {
    expect(normalizeEmoji('\u{1F44D}\uFE0F')).toBe('\u{1F44D}');
    expect(normalizeEmoji('\u2764\uFE0F')).toBe('\u2764\uFE0F');
    expect(normalizeEmoji('👍🏽')).toBe('👍🏽');
  });
});

describe('Up arrow edits', () => {
  const mine = { id: ME, username: 'me', displayName: 'Me', avatarUrl: null };

  it('your newest stored message that is not deleted, skipping others and pending sends', () => {
    let state = stateWith([1, 2, 3, 4]);
    state = applyUpdatedMessage(state, message(2, { sender: mine, body: 'my older' }));
    state = applyUpdatedMessage(state, message(3, { sender: mine, body: 'deleted one', deletedAt: new Date().toISOString() }));
    state = addPending(state, { conversationId: 'c1', clientId: 'x', body: 'still sending', createdAt: new Date().toISOString() });
    expect(lastEditableMessage(state, 'c1')).toEqual({ id: 'm2', body: 'my older' });
  });

  it('nothing when you have written nothing', () => {
    expect(lastEditableMessage(stateWith([1, 2]), 'c1')).toBeNull();
  });
});
