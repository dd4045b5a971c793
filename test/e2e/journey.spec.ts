import { expect, test, type Page } from '@playwright/test';
import { LANGUAGE_NATIVE_NAMES } from '../../shared/languages.js';
import { words } from './support/catalogs.js';
import { E2eOffice, pairDevice, shot, type Device } from './support/office.js';

test.describe.configure({ mode: 'serial' });

const CHAIN = [
  { deskId: 'mv-1', desk: 'Migrationsverket 1' },
  { deskId: 'af-1', desk: 'Arbetsförmedlingen 1' },
  { deskId: 'skv-fk-1', desk: 'Servicekontoret 1' },
  { deskId: 'kommun-1', desk: 'Kommunen 1' },
] as const;

async function signIn(page: Page, officer: string): Promise<void> {
  await page.getByLabel('Your name').fill(officer);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test('a walk-in household checks in at the kiosk in Arabic and is carried through the whole chain', async ({
  browser,
}) => {
  const office = await E2eOffice.start();
  try {
    const kiosk = await pairDevice(browser, office, 'kiosk', { viewport: { width: 1080, height: 1920 } });
    const display = await pairDevice(browser, office, 'display', { viewport: { width: 1920, height: 1080 } });
    const desks: Device[] = [];
    for (const { deskId } of CHAIN) desks.push(await pairDevice(browser, office, 'desk', { deskId }));
    for (const [i, d] of desks.entries()) await signIn(d.page, `Officer ${CHAIN[i]!.deskId}`);

    // The kiosk, in Arabic.
    const ar = words('ar', 'kiosk');
    const k = kiosk.page;
    await k.getByRole('button', { name: LANGUAGE_NATIVE_NAMES.ar }).click();
    await expect(k.locator('html')).toHaveAttribute('dir', 'rtl');
    await k.getByRole('button', { name: ar('arrival.walkIn') }).click();
    await k.getByRole('button', { name: ar('household.addAdult') }).click();
    await k.getByRole('button', { name: ar('household.addChild') }).click();
    await k.getByRole('button', { name: ar('nav.next') }).click();
    await k.getByRole('button', { name: ar('yes'), exact: true }).click();
    await k.getByRole('button', { name: ar('yes'), exact: true }).click();
    await k.getByRole('button', { name: ar('confirm.submit') }).click();
    await expect(k.getByText(ar('ticket.title'))).toBeVisible();
    await expect(k.getByRole('region').getByText('W001')).toBeVisible();
    await shot(k, 'ar', 'kiosk-ticket');

    // The visitor follows the ticket on their phone.
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const status = await phone.newPage();
    await status.goto(`${office.url}/status/${office.statusToken('W001')}`);
    await expect(status.locator('html')).toHaveAttribute('dir', 'rtl');
    const st = words('ar', 'status');
    await expect(status.getByText(st('waiting.next'))).toBeVisible();

    for (const [i, { desk }] of CHAIN.entries()) {
      const page = desks[i]!.page;
      const last = i === CHAIN.length - 1;
      // The queue shows the household (no names), with the note from the previous desk once opened.
      await expect(page.getByRole('button', { name: 'Call', exact: true }).first()).toBeVisible();
      await page.getByRole('button', { name: 'Call next' }).click();
      await expect(display.page.getByText('W001').first()).toBeVisible();
      await expect(display.page.getByText(desk).first()).toBeVisible();
      await expect(status.getByText(desk).first()).toBeVisible();
      if (i > 0) await expect(page.getByText(`Shared note from ${CHAIN[i - 1]!.desk}`)).toBeVisible();
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByLabel('New note').fill(`Shared note from ${desk}`);
      await page.getByRole('button', { name: 'Add note' }).click();
      await expect(page.getByText(`Shared note from ${desk}`)).toBeVisible();
      if (i === 0) await shot(page, 'en', 'desk-serving');
      if (!last) {
        await page.getByRole('button', { name: 'Hand over' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Hand over' }).click();
      } else {
        await page.getByRole('button', { name: 'Complete visit' }).click();
        const dialog = page.getByRole('dialog');
        if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Complete visit' }).click();
      }
      await expect(page.getByText('No visit at the desk')).toBeVisible();
    }
    await expect(status.getByText(st('registered.title'))).toBeVisible();
    await shot(status, 'ar', 'status-registered');
    await shot(display.page, 'sv', 'display');
  } finally {
    await office.dispose();
  }
});
