import assert from 'node:assert/strict';
import { test } from 'node:test';
import { easterSunday, isWorkingDay, swedishDaysOff } from './holidays.js';

test('Easter and the Swedish days off that follow from it', () => {
  assert.deepEqual(easterSunday(2026), { month: 4, day: 5 });
  assert.deepEqual(easterSunday(2027), { month: 3, day: 28 });
  const days = swedishDaysOff(2026);
  for (const d of [
    '2026-01-01',
    '2026-01-06',
    '2026-04-03',
    '2026-04-06',
    '2026-05-01',
    '2026-05-14',
    '2026-06-06',
    '2026-06-19',
    '2026-12-24',
    '2026-12-25',
    '2026-12-26',
    '2026-12-31',
  ]) {
    assert.ok(days.has(d), d);
  }
  assert.equal(isWorkingDay('2026-04-03'), false, 'Good Friday');
  assert.equal(isWorkingDay('2026-06-19'), false, 'Midsummer eve');
  assert.equal(isWorkingDay('2026-06-22'), true);
  assert.equal(isWorkingDay('2026-12-05'), false, 'a Saturday');
});
