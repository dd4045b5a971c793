import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2eOffice, pairDevice, shot, type Device } from './support/office.js';

test.describe.configure({ mode: 'serial' });

let office: E2eOffice;
test.beforeEach(async () => {
  office = await E2eOffice.start();
});
test.afterEach(async () => {
  await office.dispose();
});

async function desk(browser: Browser, deskId: string): Promise<Device> {
  const d = await pairDevice(browser, office, 'desk', { deskId });
  await d.page.getByLabel('Your name').fill(`Officer ${deskId}`);
  await d.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(d.page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return d;
}

/** A walk-in checked in through the kiosk's own command, as reception would; returns its ticket. */
async function walkIn(page: Page, consent: boolean): Promise<void> {
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'I have no appointment' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'No', exact: true }).click();
  await page.getByRole('button', { name: consent ? 'Yes' : 'No', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('You are checked in')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
}

test('a handover to a named desk puts the visit first in that desk’s own queue; an agency-only note stays in the agency', async ({
  browser,
}) => {
  const kiosk = await pairDevice(browser, office, 'kiosk', { viewport: { width: 1080, height: 1920 } });
  const mv = await desk(browser, 'mv-1');
  const af1 = await desk(browser, 'af-1');
  const af2 = await desk(browser, 'af-2');
  await walkIn(kiosk.page, true);

  await mv.page.getByRole('button', { name: 'Call next' }).click();
  await mv.page.getByRole('button', { name: 'Start' }).click();
  await mv.page.getByLabel('New note').fill('MV only: the decision was appealed');
  await mv.page.getByLabel(/Only my agency/).check();
  await mv.page.getByRole('button', { name: 'Add note' }).click();
  await expect(mv.page.getByText('MV only: the decision was appealed')).toBeVisible();
  await mv.page.getByRole('button', { name: 'Hand over' }).click();
  const dialog = mv.page.getByRole('dialog');
  await dialog.getByLabel('A named desk').check();
  await dialog.getByLabel('Desk', { exact: true }).selectOption('af-2');
  await shot(mv.page, 'en', 'desk-handover-dialog');
  await dialog.getByRole('button', { name: 'Hand over' }).click();
  await expect(mv.page.getByText('No visit at the desk')).toBeVisible();

  // AF 2 sees it in its own queue; AF 1 sees it waiting for AF 2 and does not get it from "Call next".
  await expect(af2.page.getByText(/Handed to this desk \(1\)/)).toBeVisible();
  await expect(af1.page.getByText('For Arbetsförmedlingen 2')).toBeVisible();
  await expect(af1.page.getByRole('button', { name: 'Call next' })).toBeDisabled();
  await af2.page.getByRole('button', { name: 'Call next' }).click();
  await af2.page.getByRole('button', { name: 'Start' }).click();
  await expect(af2.page.getByText('No notes you may read yet.')).toBeVisible();
  await expect(af2.page.getByText('MV only')).toHaveCount(0);
  await shot(af2.page, 'en', 'desk-named-handover-received');
});

test('a desk that loses the server shows it, and is right again after the restart without a reload', async ({
  browser,
}) => {
  const kiosk = await pairDevice(browser, office, 'kiosk', { viewport: { width: 1080, height: 1920 } });
  const mv = await desk(browser, 'mv-1');
  await walkIn(kiosk.page, false);
  await expect(mv.page.getByText('Station queue (1)')).toBeVisible();

  await office.stop();
  await expect(mv.page.getByText('Reconnecting…').first()).toBeVisible();
  await shot(mv.page, 'en', 'desk-reconnecting');
  await office.restart();

  // Meanwhile the kiosk checks in another household (it reconnects by itself too).
  await expect(kiosk.page.getByRole('button', { name: 'English' })).toBeVisible();
  await walkIn(kiosk.page, false);
  await expect(mv.page.getByText('Connected')).toBeVisible({ timeout: 30_000 });
  await expect(mv.page.getByText('Station queue (2)')).toBeVisible();
  await mv.page.getByRole('button', { name: 'Call next' }).click();
  await expect(mv.page.getByText('W001').first()).toBeVisible();
});
