import { describe, expect, it } from 'vitest';
import { nameText, noteText } from '../../../shared/text.js';

describe('typed text', () => {
  const name = nameText(80);
  const note = noteText(4000);

  it('takes names and notes in any script, with the marks right-to-left text needs', () => {
    for (const text of ['Anna Berg', 'Åsa Öberg-Ängström', 'محمد \u200Fعلي', 'ተስፋዬ', 'Олена', '李华 👨‍👩‍👧'])
      expect(name.parse(text)).toBe(text);
    expect(note.parse('Rad ett\nRad två\ttabb\r\n')).toBe('Rad ett\nRad två\ttabb');
  });

  it('refuses lone surrogates, which the database cannot store as they are', () => {
    for (const text of ['a\uD800b', 'a\uDFFF', '\uDC00x', 'x\uDBFF']) {
      expect(name.safeParse(text).success, JSON.stringify(text)).toBe(false);
      expect(note.safeParse(text).success, JSON.stringify(text)).toBe(false);
    }
    expect(name.parse('ok \uD83D\uDE00')).toBe('ok \uD83D\uDE00');
  });

  it('refuses control characters, and in names line breaks and bidirectional overrides', () => {
    for (const text of ['a\u0000b', 'a\u001B[31m', 'a\u007F', 'a\u0085']) {
      expect(name.safeParse(text).success, JSON.stringify(text)).toBe(false);
      expect(note.safeParse(text).success, JSON.stringify(text)).toBe(false);
    }
    for (const text of ['Anna\nBerg', 'Anna \u202Egreb', 'x\u2066y\u2069'])
      expect(name.safeParse(text).success, JSON.stringify(text)).toBe(false);
  });
});
