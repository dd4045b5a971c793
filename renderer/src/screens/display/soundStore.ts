import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/**
 * Whether the display can make sound. Browsers keep audio locked until someone touches the
 * page; the desktop app (and a browser told to allow autoplay) starts unlocked.
 */
export interface SoundState {
  readonly audio: 'starting' | 'on' | 'locked' | 'unavailable';
  readonly voice: boolean;
}

export const soundStore = createStore<SoundState>()(() => ({ audio: 'starting', voice: false }));

export const useSound = <T>(selector: (s: SoundState) => T): T => useStore(soundStore, selector);

export const soundActions = {
  setAudio(audio: SoundState['audio']): void {
    soundStore.setState({ audio });
  },
  setVoice(voice: boolean): void {
    soundStore.setState({ voice });
  },
};
