/**
 * Plays announcements one after another: a chime, then the spoken call-out. The effects are
 * passed in (Web Audio and speechSynthesis in the browser, fakes in tests). At most `maxPending`
 * wait their turn: in a burst of calls the oldest waiting ones are dropped, since the screen
 * shows every call anyway and a backlog of call-outs would only lag behind it.
 */
export interface Announcement {
  readonly key: string;
  readonly text: string;
}

export interface PlayerEffects {
  /** Resolves when the chime has sounded (at once when sound is off). */
  chime(): Promise<void>;
  /** Resolves when the call-out has been spoken, or at once without a voice. */
  speak(text: string): Promise<void>;
  /** A pause between announcements. */
  pause(ms: number): Promise<void>;
}

export interface PlayerOptions {
  readonly maxPending?: number;
  readonly gapMs?: number;
  /** Asked just before an announcement plays: false when the call is over (the visitor came). */
  readonly stillWanted?: (key: string) => boolean;
}

export interface AnnouncementPlayer {
  enqueue(items: readonly Announcement[]): void;
  readonly pending: () => number;
  stop(): void;
}

export function createAnnouncementPlayer(
  effects: PlayerEffects,
  { maxPending = 3, gapMs = 700, stillWanted = () => true }: PlayerOptions = {},
): AnnouncementPlayer {
  let queue: Announcement[] = [];
  let playing = false;
  let stopped = false;

  async function pump(): Promise<void> {
    if (playing) return;
    playing = true;
    try {
      while (!stopped) {
        const next = queue.shift();
        if (!next) break;
        if (!stillWanted(next.key)) continue;
        // A sound or speech engine that fails must not silence the calls after this one.
        await effects.chime().catch(() => undefined);
        if (stopped) break;
        await effects.speak(next.text).catch(() => undefined);
        if (stopped) break;
        if (queue.length > 0) await effects.pause(gapMs);
      }
    } finally {
      playing = false;
    }
  }

  return {
    enqueue(items) {
      if (stopped || items.length === 0) return;
      queue = [...queue, ...items].slice(-maxPending);
      void pump();
    },
    pending: () => queue.length,
    stop() {
      stopped = true;
      queue = [];
    },
  };
}
