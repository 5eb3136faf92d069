// Drives the TVox Data Model Playground like a person: opens /datamodel in the
// system Chromium, writes the API key into the HTTP HEADERS editor, writes a
// query into the query editor, presses play and prints the result pane's text.
//
// usage: node playground_check.mjs <base url> <api key> <query>
// env:   CHROMIUM (default /usr/bin/chromium)
import { chromium } from 'playwright-core';

const [base, apiKey, query] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  const offsite = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) offsite.push(r.url()); });
  await page.goto(`${base}/datamodel`);
  await page.getByTitle('Execute Query (Ctrl-Enter)').waitFor({ timeout: 30000 });
  await page.getByText('HTTP HEADERS').click();
  const editors = () => page.evaluate(() => [...document.querySelectorAll('.CodeMirror')].length);
  if ((await editors()) < 3) throw new Error('the Playground has no editors');
  // the headers editor is the one holding the X-Telenia-APIKey header
  await page.evaluate(([key, text]) => {
    const cms = [...document.querySelectorAll('.CodeMirror')].map((e) => e.CodeMirror);
    const headers = cms.find((cm) => cm.getValue().includes('X-Telenia-APIKey'));
    headers.setValue(JSON.stringify({ 'X-Telenia-APIKey': key }, null, 2));
    cms[0].setValue(text);
  }, [apiKey, query]);
  await page.getByTitle('Execute Query (Ctrl-Enter)').click();
  const result = await page.waitForFunction(() => {
    const cms = [...document.querySelectorAll('.CodeMirror')].map((e) => e.CodeMirror);
    const out = cms.find((cm) => /^\s*\{\s*"(data|errors)"/.test(cm.getValue()));
    return out ? out.getValue() : null;
  }, null, { timeout: 30000 });
  process.stdout.write(JSON.stringify({ result: await result.jsonValue(), offsite }) + '\n');
} finally {
  await browser.close();
}
