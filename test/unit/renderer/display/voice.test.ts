import { describe, expect, it } from 'vitest';
import { pickSwedishVoice } from '../../../../renderer/src/screens/display/voice.js';

const voice = (lang: string, name: string, localService = true, isDefault = false) => ({
  lang,
  name,
  localService,
  default: isDefault,
});

describe('pickSwedishVoice', () => {
  it('takes a Swedish voice from Sweden, installed locally, before others', () => {
    const voices = [
      voice('en-US', 'Samantha', true, true),
      voice('sv-FI', 'Finland', true),
      voice('sv-SE', 'Network', false),
      voice('sv-SE', 'Alva', true),
    ];
    expect(pickSwedishVoice(voices)?.name).toBe('Alva');
  });

  it('accepts other spellings of Swedish', () => {
    expect(pickSwedishVoice([voice('sv_SE', 'A')])?.name).toBe('A');
    expect(pickSwedishVoice([voice('sv', 'B')])?.name).toBe('B');
  });

  it('finds none where there is none', () => {
    expect(pickSwedishVoice([voice('en-GB', 'Daniel'), voice('svk', 'Not Swedish')])).toBeUndefined();
    expect(pickSwedishVoice([])).toBeUndefined();
  });
});
