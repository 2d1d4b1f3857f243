// WebKitWebDriver on a free loopback port, for the scripts that drive WebKit (MiniBrowser).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Starts the driver; resolves to `{ url, process }` once it answers (up to 60 s). */
export async function webkitDriver() {
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const child = spawn('/usr/bin/WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}/status`).then((r) => r.ok, () => false)) return { url, process: child };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('WebKitWebDriver: no answer in 60 s');
}
