import { expect, test, type Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { LANGUAGE_NATIVE_NAMES } from '../../shared/languages.js';
import { words } from './support/catalogs.js';
import { E2eOffice, expectAccessible, pairDevice, shot } from './support/office.js';

/**
 * Every screen in Swedish, English and Arabic (staff screens in Swedish and English, the only
 * languages they offer), written under test-results/screens/ to be looked at; axe-core on each.
 */
test.describe.configure({ mode: 'serial' });

let office: E2eOffice;
test.beforeAll(async () => {
  office = await E2eOffice.start();
});
test.afterAll(async () => {
  await office.dispose();
});

const VISITOR = ['sv', 'en', 'ar'] as const;

/** Walks the kiosk through a walk-in check-in in a language, shooting and checking every step. */
async function kioskInLanguage(page: Page, language: (typeof VISITOR)[number]): Promise<string> {
  const w = words(language, 'kiosk');
  await page.getByRole('button', { name: LANGUAGE_NATIVE_NAMES[language] }).click();
  await expect(page.getByRole('button', { name: w('arrival.walkIn') })).toBeVisible();
  await shot(page, language, 'kiosk-1-arrival');
  await expectAccessible(page, `kiosk arrival (${language})`);
  await page.getByRole('button', { name: w('arrival.walkIn') }).click();
  await page.getByRole('button', { name: w('household.addChild') }).click();
  await shot(page, language, 'kiosk-2-household');
  await expectAccessible(page, `kiosk household (${language})`);
  await page.getByRole('button', { name: w('nav.next') }).click();
  await shot(page, language, 'kiosk-3-interpreter');
  // A Swedish speaker needs no interpreter; the others ask for one in their own language.
  await page.getByRole('button', { name: w(language === 'sv' ? 'no' : 'yes'), exact: true }).click();
  await shot(page, language, 'kiosk-4-consent');
  await expectAccessible(page, `kiosk consent (${language})`);
  await page.getByRole('button', { name: w('yes'), exact: true }).click();
  await shot(page, language, 'kiosk-5-confirm');
  await page.getByRole('button', { name: w('confirm.submit') }).click();
  await expect(page.getByText(w('ticket.title'))).toBeVisible();
  await expect(page.getByRole('img', { name: w('ticket.qrAlt') })).toBeVisible();
  await shot(page, language, 'kiosk-6-ticket');
  await expectAccessible(page, `kiosk ticket (${language})`);
  const ticket = (await page.getByRole('region').locator('.kiosk-ticket-number').textContent())!.trim();
  await page.getByRole('button', { name: w('ticket.done') }).click();
  return ticket;
}

test('the kiosk, in Swedish, English and Arabic; its first load stays within 250 KB of gzipped JavaScript', async ({
  browser,
}) => {
  const kiosk = await pairDevice(browser, office, 'kiosk', { viewport: { width: 1080, height: 1920 } });
  await kiosk.page.close();

  // A fresh page of the paired kiosk, counting every script it loads before a visitor can choose.
  const page = await kiosk.context.newPage();
  const scripts: Promise<number>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push(response.body().then((body) => gzipSync(body).length));
  });
  await page.goto(`${office.url}/kiosk`);
  await expect(page.getByRole('button', { name: LANGUAGE_NATIVE_NAMES.ar })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const sizes = await Promise.all(scripts);
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(`kiosk initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${sizes.length} files`);
  expect(total).toBeLessThanOrEqual(250 * 1024);

  await shot(page, 'sv', 'kiosk-0-languages');
  await expectAccessible(page, 'kiosk languages');
  for (const language of VISITOR) await kioskInLanguage(page, language);
});

test('the status page, in Swedish, English and Arabic', async ({ browser }) => {
  const kiosk = await pairDevice(browser, office, 'kiosk', { viewport: { width: 1080, height: 1920 } });
  for (const language of VISITOR) {
    const ticket = await kioskInLanguage(kiosk.page, language);
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await phone.newPage();
    await page.goto(`${office.url}/status/${office.statusToken(ticket)}`);
    await expect(page.getByText(ticket).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
    await shot(page, language, 'status-waiting');
    await expectAccessible(page, `status page (${language})`);
    await phone.close();
  }
});

test('the desk and reception, in Swedish and English; the display with headings in each language', async ({
  browser,
}) => {
  for (const language of ['sv', 'en'] as const) {
    const desk = await pairDevice(browser, office, 'desk', { deskId: 'mv-2', staffLanguage: language });
    await shot(desk.page, language, 'desk-sign-in');
    await expectAccessible(desk.page, `desk sign-in (${language})`);
    await desk.page.locator('input').first().fill(`Handläggare ${language}`);
    await desk.page.locator('form button[type=submit]').click();
    await expect(desk.page.locator('.queue-row, tr').first()).toBeVisible();
    await desk.page.getByRole('button', { name: language === 'en' ? 'Call next' : 'Ropa upp nästa' }).click();
    await shot(desk.page, language, 'desk-called');
    await expectAccessible(desk.page, `desk with a called visit (${language})`);
    await desk.page
      .getByRole('button', { name: language === 'en' ? 'Return to queue' : 'Tillbaka till kön' })
      .click();
    await desk.page.getByRole('button', { name: language === 'en' ? 'Sign out' : 'Logga ut' }).click();
    await desk.context.close();

    const reception = await pairDevice(browser, office, 'reception', { staffLanguage: language });
    await expect(reception.page.getByRole('table')).toBeVisible();
    await shot(reception.page, language, 'reception');
    await expectAccessible(reception.page, `reception (${language})`);
    await reception.context.close();
  }
  const display = await pairDevice(browser, office, 'display', { viewport: { width: 1920, height: 1080 } });
  for (const language of VISITOR) {
    await display.page.goto(`${office.url}/display?lang=${language}`);
    await expect(display.page.locator(`[lang="${language}"]`).first()).toBeVisible();
    await display.page.waitForTimeout(1_500); // the headings fade in
    await shot(display.page, language, 'display');
    await expectAccessible(display.page, `display (${language})`);
  }
});
