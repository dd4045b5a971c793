import { pickSwedishVoice } from './voice.js';

/**
 * The spoken call-out through `speechSynthesis`, where the system has a Swedish voice. Without
 * one the display stays with the chime: another language's voice would mangle the Swedish.
 */
export interface Speaker {
  speak(text: string): Promise<void>;
  /** Called from a user gesture: browsers speak only after one. */
  unlock(): void;
  close(): void;
}

/** Some engines never fire `end`; an utterance is given up after this (per character). */
const MS_PER_CHAR = 180;
const MIN_WAIT_MS = 4_000;

export function createSpeaker(onVoice: (available: boolean) => void): Speaker {
  const synth = globalThis.speechSynthesis as SpeechSynthesis | undefined;
  let voice: SpeechSynthesisVoice | undefined;
  const refresh = () => {
    voice = synth ? pickSwedishVoice(synth.getVoices()) : undefined;
    onVoice(voice !== undefined);
  };
  synth?.addEventListener('voiceschanged', refresh);
  refresh();

  return {
    speak(text) {
      if (!synth || !voice) return Promise.resolve();
      const chosen = voice;
      return new Promise((resolve) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.voice = chosen;
        utterance.lang = chosen.lang;
        utterance.rate = 0.9;
        const done = () => {
          clearTimeout(timer);
          utterance.onend = null;
          utterance.onerror = null;
          resolve();
        };
        const timer = setTimeout(
          () => {
            synth.cancel();
            done();
          },
          MIN_WAIT_MS + text.length * MS_PER_CHAR,
        );
        utterance.onend = done;
        utterance.onerror = done;
        synth.speak(utterance);
      });
    },
    unlock() {
      if (!synth) return;
      const silent = new SpeechSynthesisUtterance(' ');
      silent.volume = 0;
      synth.speak(silent);
    },
    close() {
      synth?.removeEventListener('voiceschanged', refresh);
      synth?.cancel();
    },
  };
}
