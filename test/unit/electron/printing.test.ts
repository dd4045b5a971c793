import { describe, expect, it } from 'vitest';
import {
  planPrint,
  printOptions,
  printTicket,
  type PrintOptions,
  type PrinterSummary,
  type Printing,
} from '../../../electron/src/printing.js';

const printers: PrinterSummary[] = [
  { name: 'EPSON_TM_T20III', displayName: 'EPSON TM-T20III Receipt' },
  { name: 'Office_A4', displayName: 'Office A4' },
];

describe('choosing how a ticket prints', () => {
  it('prints silently to the configured printer when it is connected', () => {
    expect(planPrint('EPSON_TM_T20III', printers)).toEqual({ kind: 'silent', deviceName: 'EPSON_TM_T20III' });
    expect(planPrint('EPSON TM-T20III Receipt', printers)).toEqual({
      kind: 'silent',
      deviceName: 'EPSON_TM_T20III',
    });
    expect(planPrint(' office_a4 ', printers)).toEqual({ kind: 'silent', deviceName: 'Office_A4' });
  });

  it('shows the print dialog when no printer is configured', () => {
    expect(planPrint(null, printers)).toEqual({ kind: 'dialog' });
    expect(planPrint('  ', printers)).toEqual({ kind: 'dialog' });
    expect(planPrint(null, [])).toEqual({ kind: 'dialog' });
  });

  it('names the missing printer and the ones it found, instead of printing elsewhere', () => {
    expect(planPrint('Star_TSP100', printers)).toEqual({
      kind: 'error',
      message:
        'The ticket printer "Star_TSP100" is not connected to this computer ' +
        '(printers found: "EPSON_TM_T20III", "Office_A4").',
    });
    expect(planPrint('Star_TSP100', [])).toMatchObject({
      message: expect.stringMatching(/no printers found/),
    });
  });

  it('turns the plan into Electron print options', () => {
    expect(printOptions({ kind: 'silent', deviceName: 'P' })).toEqual({
      silent: true,
      deviceName: 'P',
      printBackground: true,
      margins: { marginType: 'none' },
    });
    expect(printOptions({ kind: 'dialog' })).toEqual({
      silent: false,
      printBackground: true,
      margins: { marginType: 'none' },
    });
  });
});

function fakePrinting(answer = { success: true, failureReason: '' }, list: PrinterSummary[] = printers) {
  const printed: PrintOptions[] = [];
  const printing: Printing = {
    printers: async () => list,
    print: async (options) => {
      printed.push(options);
      return answer;
    },
  };
  return { printing, printed };
}

describe('printing a ticket', () => {
  it('prints silently to the configured printer', async () => {
    const { printing, printed } = fakePrinting();
    expect(await printTicket(printing, 'EPSON_TM_T20III')).toEqual({ ok: true });
    expect(printed).toEqual([expect.objectContaining({ silent: true, deviceName: 'EPSON_TM_T20III' })]);
  });

  it('opens the dialog with no printer configured', async () => {
    const { printing, printed } = fakePrinting();
    expect(await printTicket(printing, null)).toEqual({ ok: true });
    expect(printed).toEqual([expect.objectContaining({ silent: false })]);
    expect(printed[0]).not.toHaveProperty('deviceName');
  });

  it('does not print when the configured printer is missing', async () => {
    const { printing, printed } = fakePrinting();
    const result = await printTicket(printing, 'Gone');
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/"Gone" is not connected/) });
    expect(printed).toEqual([]);
  });

  it('reports a cancelled dialog and a failed print', async () => {
    expect(
      await printTicket(fakePrinting({ success: false, failureReason: 'cancelled' }).printing, null),
    ).toEqual({
      ok: false,
      reason: 'Printing was cancelled.',
    });
    expect(
      await printTicket(fakePrinting({ success: false, failureReason: 'Print job failed' }).printing, null),
    ).toEqual({ ok: false, reason: 'The ticket could not be printed (Print job failed).' });
  });

  it('reports printers that cannot be listed', async () => {
    const printing: Printing = {
      printers: () => Promise.reject(new Error('spooler down')),
      print: () => Promise.reject(new Error('not reached')),
    };
    expect(await printTicket(printing, 'P')).toEqual({
      ok: false,
      reason: 'Could not list the printers: spooler down',
    });
  });
});
