import { connectDevice, type TestClient } from './client.js';
import type { TestServer } from './server.js';

export const DESKS = [
  'mv-1',
  'mv-2',
  'af-1',
  'af-2',
  'skv-fk-1',
  'skv-fk-2',
  'kommun-1',
  'kommun-2',
] as const;
export type DeskId = (typeof DESKS)[number];

export interface Devices {
  kiosk: TestClient;
  display: TestClient;
  reception: TestClient;
  admin: TestClient;
  desks: Record<DeskId, TestClient>;
  all(): TestClient[];
  close(): void;
}

/** Pairs and connects one device of every role and every desk, with an officer signed in at each desk. */
export async function connectOffice(
  server: TestServer,
  options: { signIn?: boolean } = {},
): Promise<Devices> {
  const [kiosk, display, reception, admin] = await Promise.all(
    (['kiosk', 'display', 'reception', 'admin'] as const).map(async (role) =>
      connectDevice(server.url, await server.pair(role)),
    ),
  );
  const desks = Object.fromEntries(
    await Promise.all(
      DESKS.map(async (id) => [id, await connectDevice(server.url, await server.pair('desk', id))]),
    ),
  ) as Record<DeskId, TestClient>;
  if (options.signIn ?? true)
    for (const id of DESKS) {
      const ack = await desks[id].command('desk:sign_in', { officer: `Officer ${id}` });
      if (!ack.ok) throw new Error(`sign in at ${id}: ${ack.error.code}`);
    }
  const all = () => [kiosk!, display!, reception!, admin!, ...Object.values(desks)];
  return {
    kiosk: kiosk!,
    display: display!,
    reception: reception!,
    admin: admin!,
    desks,
    all,
    close: () => all().forEach((c) => c.close()),
  };
}

/** Unwraps an ack, failing the test with the error code on a refusal. */
export function ok<T>(
  ack: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} (${ack.error.message})`);
  return ack.value;
}
