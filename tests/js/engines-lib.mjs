// The two browser engines beside Chromium, for the scripts that drive them: Firefox (Debian's
// firefox-esr, headless, WebDriver BiDi through puppeteer-core) and WebKit (WebKitGTK's MiniBrowser in
// automation mode through WebKitWebDriver, selenium-webdriver; no headless mode: the caller's Xvfb DISPLAY).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';

/** Firefox with a profile of its own; close() it when done. */
export const launchFirefox = () =>
  puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
  });

/** A WebKit session and `stop()`, which quits it and its WebKitWebDriver. */
export async function launchWebKit() {
  if (!process.env.DISPLAY) throw new Error('webkit needs DISPLAY (an Xvfb display started by the caller)');
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const driver = spawn('/usr/bin/WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  let up = false;
  for (let i = 0; i < 300 && !up; i++) { // up to 60 s
    up = await fetch(`${url}/status`).then((r) => r.ok, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 200));
  }
  if (!up) {
    driver.kill();
    throw new Error('WebKitWebDriver: no answer in 60 s');
  }
  const session = await new Builder()
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
    })
    .usingServer(url)
    .build();
  return {
    session,
    stop: async () => {
      await session.quit();
      driver.kill();
    },
  };
}
