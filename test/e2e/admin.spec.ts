import { expect, test } from '@playwright/test';
import { E2eOffice, expectAccessible, pairDevice, shot } from './support/office.js';

test.describe.configure({ mode: 'serial' });

let office: E2eOffice;
test.beforeAll(async () => {
  // Four weeks of history, so that the statistics have something to chart.
  office = await E2eOffice.start({}, { history: true });
});
test.afterAll(async () => {
  await office.dispose();
});

test('the admin pairs a new desk: code and QR shown, the desk pairs with it, and a revoked desk is cut off', async ({
  browser,
}) => {
  const admin = await pairDevice(browser, office, 'admin', { viewport: { width: 1366, height: 900 } });
  const page = admin.page;
  await expect(page.getByRole('tab', { name: 'Overview' })).toBeVisible();
  await shot(page, 'en', 'admin-overview');
  await expectAccessible(page, 'admin overview');

  await page.getByRole('tab', { name: 'Devices' }).click();
  await page.getByRole('button', { name: 'Add device' }).click();
  const add = page.getByRole('dialog');
  await add.getByLabel('Role').selectOption('desk');
  await add.getByLabel('Desk').selectOption('kommun-2');
  await add.getByLabel('Name').fill('Kommunen, fönstret');
  await add.getByRole('button', { name: 'Create and show code' }).click();
  const pairing = page.getByRole('dialog');
  await expect(pairing.getByRole('img', { name: /QR code for the pairing link/ })).toBeVisible();
  const link = await pairing
    .getByText(/\/pair\?code=/)
    .first()
    .textContent();
  expect(link).toMatch(/\/pair\?code=[A-Z0-9]{4}-[A-Z0-9]{4}/);
  await shot(page, 'en', 'admin-pairing');
  await expectAccessible(page, 'admin pairing dialog');
  await pairing.getByRole('button', { name: 'Done' }).click();

  // The new desk opens the link on its own machine.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => localStorage.setItem('motesplats.staffLanguage', 'en'));
  const desk = await context.newPage();
  await desk.goto(link!.trim().replace(/^https?:\/\/[^/]+/, office.url));
  await desk.waitForURL('**/desk');
  await expect(desk.getByText('Kommunen 2').first()).toBeVisible();
  await expect(
    page.getByRole('row', { name: /Kommunen, fönstret/ }).getByText('Connected now'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Revoke Kommunen, fönstret' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke device' }).click();
  await expect(desk.getByRole('heading', { name: 'This device is not paired' })).toBeVisible();
  await shot(desk, 'en', 'desk-revoked');
});

test('the admin checks a booking list, is told each bad line, imports the mended list, and a booked visitor checks in', async ({
  browser,
}) => {
  const admin = await pairDevice(browser, office, 'admin', { viewport: { width: 1366, height: 900 } });
  const page = admin.page;
  await page.getByRole('tab', { name: 'Appointments' }).click();
  const bad =
    'Tid;Referens;Språk;Vuxna;Barn\n09:00;MV-7001;arabiska;2;1\n25:00;MV-7002;dari;1;0\n10:00;MV-7003;klingon;1;0\n';
  await page.getByLabel('Or paste the list').fill(bad);
  await page.getByRole('button', { name: 'Check the list' }).click();
  await expect(page.getByRole('heading', { name: '2 problems on 2 lines' })).toBeVisible();
  await expect(page.getByText('Nothing has been imported. Mend the file and check it again.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  await shot(page, 'en', 'admin-import-errors');
  await expectAccessible(page, 'admin import errors');

  // The same list with its file input, mended.
  const good = bad.replace('25:00', '09:30').replace('klingon', 'persiska');
  await page
    .getByLabel('Choose a CSV file')
    .setInputFiles({ name: 'bokningar.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: 'Check the list' }).click();
  await expect(page.getByText('The list is correct: 3 bookings').first()).toBeVisible();
  await page.getByRole('button', { name: 'Import 3 bookings' }).click();
  await expect(page.getByText('3 bookings imported.').first()).toBeVisible();
  await shot(page, 'en', 'admin-import-done');

  const kiosk = await pairDevice(browser, office, 'kiosk', { viewport: { width: 1080, height: 1920 } });
  const k = kiosk.page;
  await k.getByRole('button', { name: 'English' }).click();
  await k.getByRole('button', { name: 'I have an appointment' }).click();
  for (const key of 'MV7002') await k.getByRole('button', { name: key, exact: true }).click();
  await k.getByRole('button', { name: 'Next' }).click();
  await k.getByRole('button', { name: 'No', exact: true }).click();
  await k.getByRole('button', { name: 'Yes', exact: true }).click();
  await k.getByRole('button', { name: 'Confirm' }).click();
  await expect(k.getByRole('region').getByText('B001')).toBeVisible();
});

test('the admin views the statistics of the last weeks as charts with tables beside them', async ({
  browser,
}) => {
  for (const language of ['en', 'sv'] as const) {
    const admin = await pairDevice(browser, office, 'admin', {
      viewport: { width: 1920, height: 1080 },
      staffLanguage: language,
    });
    const page = admin.page;
    await page.getByRole('tab', { name: language === 'en' ? 'Statistics' : 'Statistik' }).click();
    await page
      .getByRole('button', { name: language === 'en' ? 'Last 30 days' : 'Senaste 30 dagarna' })
      .click();
    await expect(page.locator('canvas').first()).toBeVisible();
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(4);
    await expect(page.getByRole('table').first()).toBeVisible();
    await shot(page, language, 'admin-statistics');
    await expectAccessible(page, `admin statistics (${language})`);
    const download = page.waitForEvent('download');
    await page
      .getByRole('button', { name: language === 'en' ? /Export the table/ : /Exportera tabellen/ })
      .first()
      .click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
    await admin.context.close();
  }
});
