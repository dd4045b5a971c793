/**
 * How soon a screen tries again after losing the server (socket.io doubles the wait, ±50 %, up to
 * the maximum). Short, since the server is on the office's own network and a restart takes a
 * second or two: the screens are back soon after it, and even a thousand status pages retrying
 * once a second are a light load.
 */
export const RECONNECT_DELAYS = { reconnectionDelay: 200, reconnectionDelayMax: 1_000 } as const;
