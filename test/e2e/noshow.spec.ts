import { expect, test } from '@playwright/test';
import { words } from './support/catalogs.js';
import { E2eOffice, pairDevice, shot } from './support/office.js';

test('a household that does not come is recalled, marked no show, and put back in the queue by reception', async ({
  browser,
}) => {
  const office = await E2eOffice.start();
  try {
    const kiosk = await pairDevice(browser, office, 'kiosk', { viewport: { width: 1080, height: 1920 } });
    const reception = await pairDevice(browser, office, 'reception');
    const mv = await pairDevice(browser, office, 'desk', { deskId: 'mv-1' });
    await mv.page.getByLabel('Your name').fill('Officer mv-1');
    await mv.page.getByRole('button', { name: 'Sign in' }).click();

    const k = kiosk.page;
    const sv = words('sv', 'kiosk');
    await k.getByRole('button', { name: 'Svenska' }).click();
    await k.getByRole('button', { name: sv('arrival.walkIn') }).click();
    await k.getByRole('button', { name: sv('nav.next') }).click();
    await k.getByRole('button', { name: sv('no'), exact: true }).click();
    await k.getByRole('button', { name: sv('no'), exact: true }).click();
    await k.getByRole('button', { name: sv('confirm.submit') }).click();
    await expect(k.getByRole('region').getByText('W001')).toBeVisible();

    const desk = mv.page;
    await desk.getByRole('button', { name: 'Call next' }).click();
    // "No show" only after the recalls (two in the demo office), each after the pause.
    await expect(desk.getByRole('button', { name: 'No show' })).toHaveAttribute('aria-disabled', 'true');
    for (let i = 0; i < 2; i++) {
      const recall = desk.getByRole('button', { name: 'Recall' });
      await expect(recall).not.toHaveAttribute('aria-disabled', 'true', { timeout: 5_000 });
      await recall.click();
      await expect(desk.getByText(/called again/).first()).toBeVisible();
    }
    await desk.getByRole('button', { name: 'No show' }).click();
    await expect(desk.getByText('No visit at the desk')).toBeVisible();

    // Reception sees the missed call and puts the household back in the queue.
    const r = reception.page;
    await r.getByRole('radio', { name: /Missed/ }).check();
    await r.getByRole('button', { name: 'Open visit W001' }).click();
    const dialog = r.getByRole('dialog');
    await expect(dialog.getByText(/Marked as not present at/)).toBeVisible();
    await shot(r, 'en', 'reception-no-show');
    await dialog.getByRole('button', { name: 'Put back in queue' }).click();
    await expect(dialog.getByText('Back in the queue')).toBeVisible();

    await expect(desk.getByText('Station queue (1)')).toBeVisible();
    await desk.getByRole('button', { name: 'Call next' }).click();
    await desk.getByRole('button', { name: 'Start' }).click();
    await expect(desk.getByRole('button', { name: 'Hand over' })).toBeVisible();
  } finally {
    await office.dispose();
  }
});
