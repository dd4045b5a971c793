import { demoOffice } from '../../../server/office/demo.js';
import { OfficeConfigSchema, type OfficeConfig } from '../../../shared/office.js';

/** The chain of the demo office: Migrationsverket, Arbetsförmedlingen, Servicekontoret, Kommunen. */
export const CHAIN = ['mv', 'af', 'skv-fk', 'kommun'] as const;

/**
 * The office the benchmarks run: the demo office (four agencies, eight languages) with three
 * desks per station, twelve in all, inside the 5–30 desks of docs/ARCHITECTURE.md §1. A recall
 * pause of zero lets the display benchmark call as fast as the server takes it.
 */
export function benchOffice(options: { desksPerStation?: number; recallPauseSeconds?: number } = {}) {
  const demo = demoOffice();
  const perStation = options.desksPerStation ?? 3;
  const config: OfficeConfig = {
    ...demo,
    name: 'Mötesplats Servicekontoret (benchmark)',
    desks: demo.stations.flatMap((s) =>
      Array.from({ length: perStation }, (_, i) => ({
        id: `${s.id}-${i + 1}`,
        name: `${demo.desks.find((d) => d.stationId === s.id)!.name.replace(/ \d+$/, '')} ${i + 1}`,
        stationId: s.id,
      })),
    ),
    recallPauseSeconds: options.recallPauseSeconds ?? demo.recallPauseSeconds,
  };
  return OfficeConfigSchema.parse(config);
}

/** The desks of each station in chain order. */
export function desksByStation(config: OfficeConfig): { stationId: string; desks: string[] }[] {
  return config.chain.map((stationId) => ({
    stationId,
    desks: config.desks.filter((d) => d.stationId === stationId).map((d) => d.id),
  }));
}
