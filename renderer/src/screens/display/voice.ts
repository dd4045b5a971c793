/** What the display needs to know of a `SpeechSynthesisVoice`. */
export interface VoiceInfo {
  readonly lang: string;
  readonly name: string;
  readonly localService: boolean;
  readonly default: boolean;
}

/**
 * A Swedish voice, if the system has one: Sweden's Swedish before others (Finland Swedish),
 * an installed (local) voice before a network one, which may be slow or absent offline.
 */
export function pickSwedishVoice<V extends VoiceInfo>(voices: readonly V[]): V | undefined {
  const score = (v: V) => {
    const lang = v.lang.replace('_', '-').toLowerCase();
    if (lang !== 'sv' && !lang.startsWith('sv-')) return -1;
    return (lang === 'sv-se' ? 4 : 0) + (v.localService ? 2 : 0) + (v.default ? 1 : 0);
  };
  let best: V | undefined;
  for (const v of voices) if (score(v) >= 0 && (best === undefined || score(v) > score(best))) best = v;
  return best;
}
