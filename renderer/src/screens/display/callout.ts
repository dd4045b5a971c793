/**
 * The spoken call-out, in Swedish: "Nummer dubbel-ve 14, Migrationsverket 1". The ticket's
 * letter is spelled by its Swedish name (a lone "W" or "B" is read unreliably by speech
 * engines) and the number without its leading zeros, as people say it.
 */
const LETTER_NAMES: Readonly<Record<string, string>> = {
  A: 'a',
  B: 'be',
  C: 'se',
  D: 'de',
  E: 'e',
  F: 'eff',
  G: 'ge',
  H: 'hå',
  I: 'i',
  J: 'ji',
  K: 'kå',
  L: 'ell',
  M: 'em',
  N: 'en',
  O: 'o',
  P: 'pe',
  Q: 'ku',
  R: 'ärr',
  S: 'ess',
  T: 'te',
  U: 'u',
  V: 've',
  W: 'dubbel-ve',
  X: 'ex',
  Y: 'y',
  Z: 'säta',
  Å: 'å',
  Ä: 'ä',
  Ö: 'ö',
};

/** "W014" → "dubbel-ve 14"; anything else is spoken as it is written. */
export function spokenTicket(ticket: string): string {
  const match = /^([A-ZÅÄÖ])(\d+)$/.exec(ticket.trim().toUpperCase());
  if (!match) return ticket;
  const [, letter, digits] = match;
  return `${LETTER_NAMES[letter!] ?? letter} ${Number(digits)}`;
}

export function callOutText(ticket: string, deskName: string): string {
  return `Nummer ${spokenTicket(ticket)}, ${deskName}`;
}
