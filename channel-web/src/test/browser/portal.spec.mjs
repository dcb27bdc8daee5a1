// Real-browser test of the web channel: a staff member signs in to the live monitor, a customer sends the support
// form, and the new ticket appears in the monitor without a reload. Screenshots go to <outDir>.
// Usage: node portal.spec.mjs <baseUrl> <outDir>
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [baseUrl, outDir] = process.argv.slice(2);
if (!baseUrl || !outDir) {
  console.error('usage: node portal.spec.mjs <baseUrl> <outDir>');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const XSS = '<img src=x onerror="window.__xss=1">';

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const userDataDir = mkdtempSync(join(tmpdir(), 'intake-web-chromium-'));
const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
let failed = false;
try {
  // 1. staff sign in; the monitor goes live
  const staff = await browser.newPage();
  await staff.goto(baseUrl + '/portal');
  check(staff.url().endsWith('/portal/login'), 'the portal must ask for a login, was ' + staff.url());
  await staff.getByLabel('User name').fill('ops');
  await staff.getByLabel('Password').fill('portal-pass-2026');
  await Promise.all([staff.waitForURL(baseUrl + '/portal'), staff.getByRole('button', { name: 'Sign in' }).click()]);
  await staff.locator('#live-status[data-state=live]').waitFor({ timeout: 15000 });
  let navigations = 0;
  staff.on('framenavigated', (frame) => { if (frame === staff.mainFrame()) { navigations++; } });
  console.log('staff signed in; monitor is live');

  // 2. a customer sends the form (labels are how a person finds the fields)
  const customer = await browser.newPage({ viewport: { width: 820, height: 1100 } });
  await customer.goto(baseUrl + '/support/new');
  await customer.getByLabel('Your name').fill('Robin Park ' + XSS);
  await customer.getByLabel('Email').fill('robin@example.com');
  await customer.getByLabel('Phone').fill('+1 212 555 0142');
  await customer.getByLabel('Account number').fill('ACME-42');
  await customer.getByLabel('Site or location').fill('NYC-HQ');
  await customer.getByLabel('What is it about?').selectOption('service_outage');
  const subject = 'Main number not ringing ' + Date.now() + ' ' + XSS;
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('What is happening?').fill('Since 9:10 our main number does not ring at all; callers hear a fast busy. No workaround.');
  await customer.getByLabel('Critical: service is down').check();
  await customer.getByLabel('Attachments').setInputFiles({ name: 'trace.txt', mimeType: 'text/plain', buffer: Buffer.from('INVITE sip:main@pbx SIP/2.0\n') });
  await customer.screenshot({ path: join(outDir, 'form.png'), fullPage: true });
  await Promise.all([customer.waitForURL(baseUrl + '/support/received'), customer.getByRole('button', { name: 'Send request' }).click()]);
  const number = (await customer.locator('#ticket-number').textContent()).trim();
  const severity = (await customer.locator('#ticket-severity').textContent()).trim();
  const due = (await customer.locator('#response-due').textContent()).trim();
  check(/^\d{7,}$/.test(number), 'the confirmation must show a ticket number, was ' + number);
  check(severity === 'critical', 'a main number outage must be critical, was ' + severity);
  check(/ (AM|PM) [A-Z]{2,5}$/.test(due) || /GMT|UTC/.test(due), 'the response target must be a local time, was ' + due);
  await customer.screenshot({ path: join(outDir, 'received.png'), fullPage: true });
  console.log('customer got ticket ' + number + ' (' + severity + ', respond by ' + due + ')');

  // 3. the ticket appears in the monitor without a reload, escaped
  const row = staff.locator('tr[data-number="' + number + '"]');
  await row.waitFor({ timeout: 15000 });
  check(navigations === 0, 'the monitor must update without reloading (' + navigations + ' navigations)');
  const subjectCell = (await row.locator('td.subject').textContent()).trim();
  check(subjectCell === subject, 'the subject must be shown as text, was ' + subjectCell);
  check(await row.locator('.countdown').textContent().then((t) => /^in \d/.test(t.trim())), 'the row must count down to its target');
  check(await staff.evaluate(() => window.__xss === undefined), 'markup in the subject must not run in the portal');
  check(await customer.evaluate(() => window.__xss === undefined), 'markup must not run on the customer pages');
  await staff.screenshot({ path: join(outDir, 'portal.png'), fullPage: true });
  await staff.setViewportSize({ width: 400, height: 900 });
  await staff.screenshot({ path: join(outDir, 'portal-narrow.png'), fullPage: true });
  console.log('the monitor showed ticket ' + number + ' live');
} catch (e) {
  failed = true;
  console.error('FAILED: ' + e.message);
  for (const page of browser.pages()) {
    await page.screenshot({ path: join(outDir, 'failure-' + browser.pages().indexOf(page) + '.png'), fullPage: true }).catch(() => {});
  }
} finally {
  await browser.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
