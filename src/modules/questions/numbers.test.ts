import assert from 'node:assert/strict';
import { test } from 'node:test';
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
