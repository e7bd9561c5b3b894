import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localParts, localPartsFromIntl, localToUtc, offsetMinutes } from './time.js';

// Zones with summer time on other dates, half- and quarter-hour offsets, and a half-hour change.
const zones = ['Europe/Stockholm', 'Europe/London', 'America/St_Johns', 'America/Sao_Paulo', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];

test('local times from the cached offsets are the ones Intl gives, every 41 minutes over two years in eight zones', () => {
  const from = Date.UTC(2025, 0, 1);
  const to = Date.UTC(2027, 0, 1);
  const step = 41 * 60_000 + 17_000; // not a divisor of the quarter hour, so every offset within it is tried
  let checked = 0;
  for (const zone of zones) {
    for (let ms = from; ms < to; ms += step) {
      const d = new Date(ms);
      assert.deepEqual(localParts(d, zone), localPartsFromIntl(d, zone), `${zone} ${d.toISOString()}`);
      checked++;
    }
  }
  assert.ok(checked > 200_000);
});

test("a minute either side of Stockholm's clock changes, and dates before 1970", () => {
  const spring = Date.UTC(2026, 2, 29, 1); // 02:00 becomes 03:00
  assert.equal(localParts(new Date(spring - 60_000), 'Europe/Stockholm').time, '01:59');
  assert.equal(localParts(new Date(spring), 'Europe/Stockholm').time, '03:00');
  const autumn = Date.UTC(2026, 9, 25, 1); // 03:00 becomes 02:00
  assert.equal(localParts(new Date(autumn - 60_000), 'Europe/Stockholm').time, '02:59');
  assert.equal(localParts(new Date(autumn), 'Europe/Stockholm').time, '02:00');
  assert.equal(offsetMinutes(new Date(autumn - 60_000), 'Europe/Stockholm'), 120);
  assert.equal(offsetMinutes(new Date(autumn), 'Europe/Stockholm'), 60);
  const old = new Date(Date.UTC(1950, 5, 1, 12));
  assert.deepEqual(localParts(old, 'Europe/Stockholm'), localPartsFromIntl(old, 'Europe/Stockholm'));
  assert.equal(localToUtc('2026-03-29', '02:30', 'Europe/Stockholm')?.toISOString(), '2026-03-29T01:30:00.000Z');
  assert.equal(localToUtc('2026-10-25', '02:30', 'Europe/Stockholm')?.toISOString(), '2026-10-25T00:30:00.000Z');
});
