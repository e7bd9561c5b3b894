import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { soak } from '../bench/soak.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 90);

test(`memory stays flat over a ${SECONDS} s soak at 100 requests a second`, { timeout: (SECONDS + 120) * 1000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motesplats-soak-'));
  try {
    const r = await soak(SECONDS, { DATA_DIR: dir });
    assert.equal(r.errors, 0);
    assert.ok(r.requests > SECONDS * 80, `only ${r.requests} requests`);
    // Flat: the live heap after a full collection grows by less than 10 MB and 20 %.
    assert.ok(r.growthMb < Math.max(10, r.startMb * 0.2), `live heap grew ${r.growthMb} MB from ${r.startMb} MB: ${JSON.stringify(r.samples)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
