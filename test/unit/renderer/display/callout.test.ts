import { describe, expect, it } from 'vitest';
import { callOutText, spokenTicket } from '../../../../renderer/src/screens/display/callout.js';

describe('the spoken call-out', () => {
  it('spells the letter by its Swedish name and says the number without leading zeros', () => {
    expect(spokenTicket('W014')).toBe('dubbel-ve 14');
    expect(spokenTicket('B001')).toBe('be 1');
    expect(spokenTicket('W1014')).toBe('dubbel-ve 1014');
    expect(spokenTicket('w100')).toBe('dubbel-ve 100');
  });

  it('says anything unexpected as it is written', () => {
    expect(spokenTicket('14')).toBe('14');
  });

  it('names the desk', () => {
    expect(callOutText('W014', 'Migrationsverket 1')).toBe('Nummer dubbel-ve 14, Migrationsverket 1');
  });
});
