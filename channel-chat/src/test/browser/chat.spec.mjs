// Real-browser test of the chat channel: the widget on the demo page and the agent console, in headless Chromium.
// Usage: node chat.spec.mjs <baseUrl> <outDir> <open|closed>
//   open:   a visitor starts a chat and gets a ticket; an agent signs in, claims it and replies; the visitor sees the
//           reply and the delivered marks; the chat survives a reload; markup a visitor types stays text everywhere.
//   closed: the widget says when chat opens and gives the outage line; the visitor leaves a message and gets a ticket.
// playwright-core is installed once, in channel-web/src/test/browser; env PLAYWRIGHT_CORE is its absolute index.mjs.
// Optional env CHAT_CLOCK (ISO-8601): the server's clock, when a test fixes it; the browsers' clocks start there too,
// so times they write themselves agree with the server's.
// Prints lines such as "the visitor saw ticket 1000017" for ChatBrowserIT to assert. Screenshots go to <outDir>.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl, outDir, mode] = process.argv.slice(2);
if (!baseUrl || !outDir || !['open', 'closed'].includes(mode)) {
  console.error('usage: PLAYWRIGHT_CORE=/abs/path/playwright-core/index.mjs node chat.spec.mjs <baseUrl> <outDir> <open|closed>');
  process.exit(2);
}
if (!process.env.PLAYWRIGHT_CORE) {
  console.error('env PLAYWRIGHT_CORE must name playwright-core/index.mjs (npm ci --prefix channel-web/src/test/browser)');
  process.exit(2);
}
const { chromium } = await import(process.env.PLAYWRIGHT_CORE);
mkdirSync(outDir, { recursive: true });

const XSS = '<img src=x onerror="window.__xss=1">';
const STAFF = { username: 'ops', password: 'portal-pass-2026' };
const WAIT = { timeout: 15000 };

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const pageErrors = [];
function watch(page, name) {
  page.on('pageerror', (e) => { pageErrors.push(name + ': ' + e.message); console.log(name + ' page error: ' + e.message); });
  page.on('console', (m) => { if (m.type() === 'error') { console.log(name + ' console: ' + m.text()); } });
}

const CLOCK = process.env.CHAT_CLOCK ? new Date(process.env.CHAT_CLOCK) : null;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// A context whose clock starts at the server's (it runs on from there) and that never reuses the system's.
async function newContext(options) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'America/Chicago', ...options });
  if (CLOCK) {
    await context.clock.install({ time: CLOCK });
  }
  return context;
}

async function openWidget(page) {
  await page.goto(baseUrl + '/chat/demo');
  const launcher = page.getByRole('button', { name: /^Open chat/ });
  await launcher.waitFor(WAIT);
  await launcher.click();
  await page.getByRole('dialog', { name: /support/i }).waitFor(WAIT);
}

// Staff sign in with the portal's login form where the application has one, otherwise with HTTP Basic.
async function agentContext() {
  const probe = await browser.newContext();
  const login = await probe.request.get(baseUrl + '/portal/login', { failOnStatusCode: false, maxRedirects: 0 });
  const hasForm = login.ok() && (await login.text()).includes('name="password"');
  await probe.close();
  if (hasForm) {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(baseUrl + '/portal/login');
    await page.getByLabel('User name').fill(STAFF.username);
    await page.getByLabel('Password').fill(STAFF.password);
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/login')), page.getByRole('button', { name: 'Sign in' }).click()]);
    console.log('the agent signed in with the login form');
    return { context, page };
  }
  const context = await newContext({ httpCredentials: STAFF });
  console.log('the agent signed in with HTTP Basic (no login form at /portal/login)');
  return { context, page: await context.newPage() };
}

async function openMode() {
  // 1. a visitor opens the widget on the demo page and starts a chat
  const visitorContext = await newContext();
  const visitor = await visitorContext.newPage();
  watch(visitor, 'visitor');
  // The visitor's socket runs through the test, which can lose frames and cut the connection (step 6).
  const link = { socket: null, dropMessages: false };
  await visitor.routeWebSocket(/\/chat\/ws$/, (socket) => {
    const server = socket.connectToServer();
    link.socket = socket;
    socket.onMessage((frame) => {
      if (link.dropMessages && String(frame).startsWith('SEND\ndestination:/app/chat/message\n')) {
        return;
      }
      server.send(frame);
    });
  });
  await openWidget(visitor);
  await visitor.getByLabel('Name').waitFor(WAIT);
  await visitor.screenshot({ path: join(outDir, 'widget-open.png') });
  // an empty form is refused with a message at each field
  await visitor.getByRole('button', { name: 'Start chat' }).click();
  check(await visitor.getByLabel('Email').getAttribute('aria-invalid') === 'true', 'an empty email must be marked invalid');
  await visitor.getByLabel('Name').fill("Pat O'Neil");
  await visitor.getByLabel('Email').fill('pat@example.com');
  await visitor.getByLabel('Account number').fill('10442');
  await visitor.getByLabel('Site or location').fill('Main office');
  await visitor.getByRole('button', { name: 'Start chat' }).click();
  const composer = visitor.getByRole('textbox', { name: 'Message', exact: true });
  await composer.waitFor(WAIT);
  console.log('the visitor started a chat');

  // 2. the first message opens a ticket and is acknowledged (✓)
  const first = 'Every phone at the Main office is dead since 9:10, callers hear a fast busy';
  await composer.fill(first);
  await composer.press('Enter');
  const firstRow = visitor.locator('.icw-visitor[data-seq="1"]');
  await firstRow.waitFor(WAIT);
  check((await firstRow.locator('.icw-bubble').textContent()) === first, 'the message must be shown as sent');
  const ticket = visitor.locator('.icw-ticket .icw-ticket-number');
  await ticket.waitFor(WAIT);
  const number = (await ticket.textContent()).trim();
  check(/^\d{4,}$/.test(number), 'the ticket banner must show a number, was ' + number);
  await visitor.locator('.icw-visitor[data-seq="1"] .icw-mark[data-mark=sent], .icw-visitor[data-seq="1"] .icw-mark[data-mark=delivered]').waitFor(WAIT);
  check((await firstRow.locator('.icw-mark').textContent()).startsWith('✓'), 'an acknowledged message must show ✓');
  console.log('the visitor saw ticket ' + number);
  console.log('the visitor saw the sent mark ✓');

  // 3. an agent signs in, sees the chat waiting, claims it
  const { context: staffContext, page: agent } = await agentContext();
  watch(agent, 'agent');
  await agent.goto(baseUrl + '/chat/agent');
  await agent.locator('#connection[data-state=live]').waitFor(WAIT);
  const item = agent.locator('#waiting .chat-item', { hasText: "Pat O'Neil" });
  await item.waitFor(WAIT);
  await item.getByRole('button', { name: /^Claim/ }).click();
  const visitorLine = agent.locator('#transcript .line.visitor .bubble', { hasText: 'Every phone at the Main office' });
  await visitorLine.waitFor(WAIT);
  console.log('the agent claimed the chat and saw the transcript');

  // 4. the visitor learns who joined and sees ✓✓; the agent types and replies
  await visitor.locator('.icw-event', { hasText: 'joined the chat' }).waitFor(WAIT);
  await visitor.locator('.icw-visitor[data-seq="1"] .icw-mark[data-mark=delivered]').waitFor(WAIT);
  check((await firstRow.locator('.icw-mark').textContent()) === '✓✓', 'a delivered message must show ✓✓');
  console.log('the visitor saw the delivered mark ✓✓');
  const reply = agent.getByLabel('Reply');
  await reply.pressSequentially('Hi Pat', { delay: 20 });
  await visitor.locator('.icw-typing:not([hidden])').waitFor(WAIT);
  console.log('the visitor saw the agent typing');
  await reply.fill("Hi Pat, I'm on it: your Main office trunk is down, we are rerouting calls now.");
  await reply.press('Enter');
  const agentReply = visitor.locator('.icw-agent .icw-bubble', { hasText: 'we are rerouting calls now' });
  await agentReply.waitFor(WAIT);
  await agent.locator('#transcript .line.agent .mark', { hasText: '✓' }).waitFor(WAIT);
  console.log('the visitor saw the agent reply');

  // 5. the visitor types markup: both UIs show it as text and run nothing
  await composer.pressSequentially('still dead', { delay: 20 });
  await agent.locator('#typing:not([hidden])').waitFor(WAIT);
  await composer.fill(XSS);
  await composer.press('Enter');
  await visitor.locator('.icw-visitor[data-seq="2"] .icw-mark[data-mark=delivered]').waitFor(WAIT);
  const shown = agent.locator('#transcript .line.visitor .bubble').last();
  await agent.locator('#transcript .line.visitor .bubble', { hasText: 'onerror' }).waitFor(WAIT);
  check((await shown.textContent()) === XSS, 'the console must show the markup as text, was ' + (await shown.textContent()));
  check((await visitor.locator('.icw-visitor[data-seq="2"] .icw-bubble').textContent()) === XSS, 'the widget must show the markup as text');
  check(await agent.locator('#transcript img').count() === 0, 'no image element may appear in the console');
  check(await visitor.locator('.icw-log img').count() === 0, 'no image element may appear in the widget');
  check(await agent.evaluate(() => window.__xss === undefined), 'markup must not run in the agent console');
  check(await visitor.evaluate(() => window.__xss === undefined), 'markup must not run in the widget');
  console.log('markup stayed text in both UIs');
  await visitor.screenshot({ path: join(outDir, 'widget-chat.png') });
  await agent.screenshot({ path: join(outDir, 'agent.png') });

  // 6. the connection drops while a message is on its way: the widget reconnects, resumes and resends it once
  link.dropMessages = true;
  await composer.fill('Are you still there?');
  await composer.press('Enter');
  const lost = visitor.locator('.icw-visitor[data-seq="3"]');
  await lost.waitFor(WAIT);
  check(await lost.locator('.icw-mark').getAttribute('data-mark') === 'pending', 'a message not yet acknowledged must show the clock');
  const before = link.socket;
  await before.close({ code: 4000, reason: 'test: connection lost' });
  await visitor.locator('.icw-banner:not([hidden])').waitFor(WAIT);
  console.log('the visitor saw: ' + (await visitor.locator('.icw-banner-text').textContent()).trim());
  link.dropMessages = false;
  await visitor.locator('.icw-visitor[data-seq="3"] .icw-mark[data-mark=delivered]').waitFor(WAIT);
  check(link.socket !== before, 'the widget must have opened a new connection');
  check(await visitor.locator('.icw-banner').isHidden(), 'the reconnect banner must go once connected');
  await agent.locator('#transcript .line.visitor .bubble', { hasText: 'Are you still there?' }).waitFor(WAIT);
  check(await agent.locator('#transcript .line.visitor .bubble', { hasText: 'Are you still there?' }).count() === 1,
    'a resent message must reach the agent once');
  console.log('the visitor reconnected and the unacknowledged message arrived once');

  // 7. a reload resumes the chat (chat_id, resume_token and last_id from sessionStorage): the agent's next reply arrives
  await visitor.reload();
  await visitor.locator('.icw-agent .icw-bubble', { hasText: 'we are rerouting calls now' }).waitFor(WAIT);
  await reply.fill('Calls to your main number now ring at your backup site.');
  await reply.press('Enter');
  await visitor.locator('.icw-agent .icw-bubble', { hasText: 'ring at your backup site' }).waitFor(WAIT);
  check(await visitor.locator('.icw-agent .icw-bubble', { hasText: 'we are rerouting calls now' }).count() === 1, 'a resumed chat must not repeat messages');
  console.log('the visitor resumed the chat after a reload');

  // 8. on a 375 px wide phone the panel fills the screen
  await visitor.setViewportSize({ width: 375, height: 740 });
  await visitor.waitForTimeout(200);
  const box = await visitor.locator('.icw-panel').boundingBox();
  check(box && box.width >= 370 && box.x <= 1, 'the panel must fill a phone screen, was ' + JSON.stringify(box));
  check(await visitor.evaluate(() => document.documentElement.scrollWidth <= 375), 'nothing may overflow a 375 px viewport');
  await visitor.screenshot({ path: join(outDir, 'widget-narrow.png') });
  console.log('the widget fits a 375 px viewport');

  // 9. the agent ends the chat; the visitor is offered a new one
  await agent.getByRole('button', { name: 'End chat' }).click();
  await agent.locator('#end-yes').click();
  await visitor.locator('.icw-new-chat').waitFor(WAIT);
  console.log('the visitor saw the chat end');
  await staffContext.close();
  await visitorContext.close();
}

async function closedMode() {
  const visitorContext = await newContext({ timezoneId: 'Europe/Berlin' });
  const visitor = await visitorContext.newPage();
  watch(visitor, 'visitor');
  await openWidget(visitor);
  const opens = visitor.locator('.icw-opens');
  await opens.waitFor(WAIT);
  const notice = (await opens.textContent()).trim();
  check(/^Chat is closed, opens .*\d/.test(notice), 'the closed notice must say when chat opens, was ' + notice);
  check(/GMT|CET|CEST/.test(notice), 'the opening time must be in the visitor\'s time zone (Europe/Berlin), was ' + notice);
  const phone = visitor.locator('.icw-phone a[href^="tel:"]');
  await phone.waitFor(WAIT);
  const phoneText = (await visitor.locator('.icw-phone').textContent()).trim();
  check(/^Phones down\? Call .+, any hour\.$/.test(phoneText), 'the outage line must be offered, was ' + phoneText);
  console.log('the closed notice said: ' + notice);
  console.log('the outage line was ' + (await phone.getAttribute('href')));
  await visitor.screenshot({ path: join(outDir, 'widget-closed.png') });

  await visitor.getByLabel('Name').fill('Robin Park');
  await visitor.getByLabel('Email').fill('robin@example.com');
  await visitor.getByLabel('Account number').fill('ACME-42');
  await visitor.getByRole('textbox', { name: 'Message', exact: true }).fill('Voicemail to email stopped arriving tonight. ' + XSS);
  await visitor.getByRole('button', { name: 'Send message' }).click();
  const ticket = visitor.locator('.icw-done .icw-ticket-number');
  await ticket.waitFor(WAIT);
  const number = (await ticket.textContent()).trim();
  check(/^\d{4,}$/.test(number), 'the confirmation must show a ticket number, was ' + number);
  check(await visitor.evaluate(() => window.__xss === undefined), 'markup must not run in the widget');
  await visitor.screenshot({ path: join(outDir, 'widget-left.png') });
  console.log('the visitor left a message as ticket ' + number);
  await visitorContext.close();
}

let failed = false;
try {
  await (mode === 'open' ? openMode() : closedMode());
  check(pageErrors.length === 0, 'the pages threw: ' + pageErrors.join('; '));
  console.log('chat.spec ' + mode + ': passed');
} catch (e) {
  failed = true;
  console.error('FAILED: ' + e.message);
  let i = 0;
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      await page.screenshot({ path: join(outDir, 'failure-' + mode + '-' + (i++) + '.png'), fullPage: true }).catch(() => {});
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
