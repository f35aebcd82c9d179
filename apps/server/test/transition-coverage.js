// Every transition of every workflow table must be taken by at least one e2e test.
//
// globalSetup makes a folder and names it in UNION_TRANSITION_LOG_DIR; each test app (harness.ts)
// writes there, when it closes, the (case type, action) pairs its tests took — the history rows
// after the demo seed, so what the seed does counts for nothing. globalTeardown, when the whole
// e2e suite ran (`npm test`, which sets CHECK_TRANSITION_COVERAGE), fails the run for any
// transition no test took, except those listed with a reason in transitions-without-e2e.json.
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

async function setup() {
  process.env.UNION_TRANSITION_LOG_DIR = mkdtempSync(join(tmpdir(), 'union-transitions-'));
}

async function teardown() {
  const dir = process.env.UNION_TRANSITION_LOG_DIR;
  if (!dir) return;
  try {
    if (!process.env.CHECK_TRANSITION_COVERAGE) return;
    const files = readdirSync(dir);
    if (files.length === 0) return; // the unit project alone (no test app was started)
    const taken = new Set(files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)));
    const { WORKFLOWS } = require('@union/shared');
    const excused = require('./transitions-without-e2e.json');
    const all = Object.values(WORKFLOWS).flatMap((def) => Object.keys(def.transitions).map((action) => `${def.caseType} ${action}`));
    const missing = all.filter((t) => !taken.has(t) && !(t in excused));
    const stale = Object.keys(excused).filter((t) => taken.has(t) || !all.includes(t));
    process.stdout.write(
      `\ntransition coverage: ${all.length - all.filter((t) => !taken.has(t)).length} of ${all.length} transitions taken by e2e tests\n`,
    );
    if (missing.length > 0 || stale.length > 0) {
      throw new Error(
        [
          missing.length
            ? `transitions no e2e test takes (write a test, or excuse one with a reason in test/transitions-without-e2e.json): ${missing.join(', ')}`
            : '',
          stale.length ? `excused in test/transitions-without-e2e.json but now taken or gone (remove them): ${stale.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { setup, teardown };
