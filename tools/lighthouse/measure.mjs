// Lighthouse's mobile audit of the portal's public pages, each on a first and on a repeat visit,
// in one Chromium; started by run.sh, which owns the portal. Usage:
//   node measure.mjs BASE_URL REPORT_FOLDER CHROMIUM_PATH PROFILE_FOLDER CHROME_PID_FILE
// Prints one Markdown table and writes the raw reports, the table (table.md) and every audit that
// is not perfect (findings.md) into REPORT_FOLDER.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [base, reportFolder, chromiumPath, profileFolder, chromePidFile] = process.argv.slice(2);
if (!chromePidFile) {
  console.error('usage: node measure.mjs BASE_URL REPORT_FOLDER CHROMIUM_PATH PROFILE_FOLDER CHROME_PID_FILE');
  process.exit(2);
}

const pages = [
  { name: '/', path: '/' },
  { name: '/berita', path: '/berita' },
  { name: 'an article', path: '/berita/16-pencaker-mulai-dilatih-meracik-kopi-di-pelatihan-barista' },
  { name: '/pelatihan', path: '/pelatihan' },
  { name: '/pelatihan/barista', path: '/pelatihan/barista' },
  { name: '/cari?q=barista', path: '/cari?q=barista' },
  { name: '/akun/daftar', path: '/akun/daftar' },
];

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

// This machine needs these on top of chrome-launcher's defaults: no sandbox for root, no GPU, and
// nothing that reaches for the (closed) network on its own.
const chromeFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

// A server that has just started makes its Brotli variants of the static files in the background
// and fills its page cache on first requests; a visitor of a running site never sees that.
async function warmUp() {
  for (const page of pages) {
    for (let round = 0; round < 2; round++) {
      const html = await (await fetch(base + page.path, { headers: { 'accept-encoding': 'br, gzip' } })).text();
      const references = [...html.matchAll(/<(?:link|script|img)\b[^>]*?\b(?:href|src)="(\/[^"/][^"]*)"/g)]
        .map((match) => match[1].replaceAll('&amp;', '&'));
      for (const reference of new Set(references)) {
        await (await fetch(base + reference, { headers: { 'accept-encoding': 'br, gzip' } })).arrayBuffer();
      }
    }
  }

  await new Promise((resolve) => setTimeout(resolve, 3000));
}

async function audit(port, page, visit) {
  const result = await lighthouse(base + page.path, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: categories,
    // The repeat visit keeps the cache of the first one: only what is not cached crosses the wire.
    disableStorageReset: visit === 'repeat',
  });
  if (!result) {
    throw new Error(`Lighthouse returned nothing for ${page.path}`);
  }

  if (result.lhr.runtimeError) {
    throw new Error(`Lighthouse failed on ${page.path}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
  }

  const file = page.path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'home';
  await fs.writeFile(path.join(reportFolder, `${file}.${visit}.json`), result.report);
  return result.lhr;
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const score = (lhr, id) => Math.round(lhr.categories[id].score * 100);

function row(page, first, repeat) {
  const audits = first.audits;
  return `| ${page.name.startsWith('/') ? `\`${page.name}\`` : page.name} | ${categories.map((id) => score(first, id)).join(' | ')} `
    + `| ${(audits['largest-contentful-paint'].numericValue / 1000).toFixed(1)} s `
    + `| ${audits['cumulative-layout-shift'].numericValue.toFixed(3)} `
    + `| ${Math.round(audits['total-blocking-time'].numericValue)} ms `
    + `| ${kib(audits['total-byte-weight'].numericValue)} `
    + `| ${kib(repeat.audits['total-byte-weight'].numericValue)} |`;
}

let erroredAudits = 0;

// Every scored audit below 1, with what Lighthouse says it costs, and on the repeat visit every
// request that still crossed the wire.
function findings(page, first, repeat) {
  const lines = [`## ${page.name}`, ''];
  for (const audit of Object.values(first.audits)) {
    if (audit.scoreDisplayMode === 'error') {
      lines.push(`- **${audit.id}** (Lighthouse error): ${audit.errorMessage}`);
      erroredAudits++;
      continue;
    }

    if (audit.score === null || audit.score >= 1 || ['informative', 'notApplicable', 'manual'].includes(audit.scoreDisplayMode)) {
      continue;
    }

    const savings = [];
    if (audit.metricSavings) {
      for (const [metric, value] of Object.entries(audit.metricSavings)) {
        if (value) {
          savings.push(`${metric} ${metric === 'CLS' ? value.toFixed(3) : `${Math.round(value)} ms`}`);
        }
      }
    }

    if (audit.details?.overallSavingsBytes) {
      savings.push(`${kib(audit.details.overallSavingsBytes)} to save`);
    }

    lines.push(`- **${audit.id}** (score ${audit.score}): ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ''}${savings.length ? ` [${savings.join(', ')}]` : ''}`);
    for (const item of (audit.details?.items ?? []).slice(0, 8)) {
      const where = item.url ?? item.node?.snippet ?? item.source?.url ?? item.node?.selector;
      if (where) {
        const extra = [item.wastedBytes && `${kib(item.wastedBytes)} wasted`, item.totalBytes && `${kib(item.totalBytes)} total`, item.wastedMs && `${Math.round(item.wastedMs)} ms`]
          .filter(Boolean).join(', ');
        lines.push(`  - ${String(where).slice(0, 200)}${extra ? ` (${extra})` : ''}`);
      }
    }
  }

  lines.push('', 'Repeat visit, requests that crossed the wire:');
  for (const request of repeat.audits['network-requests'].details.items.filter((item) => item.transferSize > 0)) {
    lines.push(`- ${request.url.replace(base, '')}: ${request.transferSize} bytes, ${request.statusCode}, ${request.resourceType}`);
  }

  lines.push('');
  return lines.join('\n');
}

await warmUp();
await fs.mkdir(profileFolder, { recursive: true });
const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags, userDataDir: profileFolder });
await fs.writeFile(chromePidFile, String(chrome.pid));
try {
  const table = [
    '| page | Performance | Accessibility | Best practices | SEO | LCP | CLS | TBT | first visit | repeat visit |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const notes = ['# Lighthouse findings', '', `Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile, simulated throttling, against ${base}.`, ''];
  for (const page of pages) {
    const first = await audit(chrome.port, page, 'first');
    const repeat = await audit(chrome.port, page, 'repeat');
    table.push(row(page, first, repeat));
    notes.push(findings(page, first, repeat));
    console.error(`measured ${page.path}`);
  }

  await fs.writeFile(path.join(reportFolder, 'table.md'), table.join('\n') + '\n');
  await fs.writeFile(path.join(reportFolder, 'findings.md'), notes.join('\n'));
  console.log(table.join('\n'));
  if (erroredAudits > 0) {
    console.error(`${erroredAudits} audits ended in a Lighthouse error instead of a score: see findings.md.`);
  }
} finally {
  chrome.kill();
  await fs.rm(chromePidFile, { force: true });
}
