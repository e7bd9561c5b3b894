import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingDays } from './commands.js';
import { formatNumber, isUsablePattern, numberSlug } from './numbers.js';

test('registration numbers follow the municipality’s pattern', () => {
  assert.equal(formatNumber('{YYYY}/{code}{serial:4}', { year: 2026, code: 'FF', serial: 123 }), '2026/FF0123');
  assert.equal(formatNumber('{YYYY}/{code}{serial:4}', { year: 2026, code: 'FF', serial: 12345 }), '2026/FF12345');
  assert.equal(formatNumber('{code} {YY}-{serial}', { year: 2027, code: 'TF', serial: 7 }), 'TF 27-7');
  assert.equal(numberSlug('2026/FF0123'), '2026-ff0123');
  assert.equal(numberSlug('2026/VÄ0001'), '2026-va0001');
  assert.ok(isUsablePattern('{YYYY}/{code}{serial:4}'));
  assert.ok(!isUsablePattern('{code}'), 'without a serial numbers would repeat');
});

test('due dates count working days: weekends, Swedish public holidays and the eves taken off are skipped', () => {
  assert.equal(addWorkingDays('2026-12-01', 10), '2026-12-15');
  // From 18 December: 21, 22, 23, 28, 29, 30 December, then 4, 5, 7, 8 January (the 24th–26th, the 31st, the 1st and the 6th are off).
  assert.equal(addWorkingDays('2026-12-18', 10), '2027-01-08');
  assert.equal(addWorkingDays('2026-04-02', 1), '2026-04-07', 'over Easter');
});
