/**
 * The call chime, made with Web Audio (no sound files): two soft bell tones a major third
 * apart, high then low, each a sine with a quiet octave partial, a short attack and a long
 * exponential decay. It lasts about 1.6 s.
 */
const TONES = [
  { at: 0, hz: 659.25 }, // E5
  { at: 0.42, hz: 523.25 }, // C5
] as const;
const TONE_S = 1.2;
export const CHIME_MS = Math.round((TONES[TONES.length - 1]!.at + TONE_S) * 1000);

export type AudioStatus = 'on' | 'locked' | 'unavailable';

export interface Chime {
  play(): Promise<void>;
  /** Called from a user gesture: lets the page make sound from now on. */
  unlock(): void;
  status(): AudioStatus;
  close(): void;
}

export function createChime(onStatus: (status: AudioStatus) => void): Chime {
  const Ctor = globalThis.AudioContext as typeof AudioContext | undefined;
  let context: AudioContext | null = null;
  try {
    context = Ctor ? new Ctor({ latencyHint: 'playback' }) : null;
  } catch {
    context = null;
  }
  const status = (): AudioStatus =>
    context === null ? 'unavailable' : context.state === 'running' ? 'on' : 'locked';
  const report = () => onStatus(status());
  context?.addEventListener('statechange', report);
  report();

  function tone(ctx: AudioContext, start: number, hz: number): OscillatorNode[] {
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.35, start + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + TONE_S);
    gain.connect(ctx.destination);
    const partials = [
      { ratio: 1, level: 1 },
      { ratio: 2, level: 0.18 },
    ];
    return partials.map(({ ratio, level }) => {
      const osc = ctx.createOscillator();
      const partialGain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = hz * ratio;
      partialGain.gain.value = level;
      osc.connect(partialGain).connect(gain);
      osc.start(start);
      osc.stop(start + TONE_S + 0.05);
      // Nodes are let go once they have played, so a display that chimes for days keeps no graph.
      osc.onended = () => {
        osc.disconnect();
        partialGain.disconnect();
        gain.disconnect();
      };
      return osc;
    });
  }

  return {
    play() {
      const ctx = context;
      if (ctx === null || ctx.state !== 'running') return Promise.resolve();
      const t0 = ctx.currentTime + 0.05;
      for (const { at, hz } of TONES) tone(ctx, t0 + at, hz);
      return new Promise((resolve) => setTimeout(resolve, CHIME_MS + 50));
    },
    unlock() {
      if (context && context.state === 'suspended') void context.resume().then(report, report);
    },
    status,
    close() {
      context?.removeEventListener('statechange', report);
      void context?.close().catch(() => undefined);
      context = null;
    },
  };
}
