import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { digestPeriod, readUnsubscribeToken, unsubscribeToken } from './mail.js';

const TZ = 'Europe/Stockholm';
const at = (iso: string) => new Date(iso);
const period = (iso: string, cadence: 'daily' | 'weekly' = 'daily') => {
  const p = digestPeriod(at(iso), TZ, cadence);
  return [p.period, p.boundary.toISOString()];
};

describe('the digest period', () => {
  test('a daily digest belongs to the latest 07:00 Stockholm time: 06:59 is still yesterday', () => {
    assert.deepEqual(period('2026-12-02T05:59:59Z'), ['2026-12-01', '2026-12-01T06:00:00.000Z']);
    assert.deepEqual(period('2026-12-02T06:00:00Z'), ['2026-12-02', '2026-12-02T06:00:00.000Z']);
    assert.deepEqual(period('2026-12-02T22:30:00Z'), ['2026-12-02', '2026-12-02T06:00:00.000Z']);
  });

  test('summer time moves the instant, never the hour: 07:00 is 05:00 UTC from the last Sunday of March', () => {
    // The night of 28 March 2027 the clocks go from 02:00 to 03:00.
    assert.deepEqual(period('2027-03-28T04:59:00Z'), ['2027-03-27', '2027-03-27T06:00:00.000Z']);
    assert.deepEqual(period('2027-03-28T05:00:00Z'), ['2027-03-28', '2027-03-28T05:00:00.000Z']);
    // The night of 25 October 2026 they go back from 03:00 to 02:00: 06:30 local is 05:30 UTC, before 07:00.
    assert.deepEqual(period('2026-10-25T05:30:00Z'), ['2026-10-24', '2026-10-24T05:00:00.000Z']);
    assert.deepEqual(period('2026-10-25T06:00:00Z'), ['2026-10-25', '2026-10-25T06:00:00.000Z']);
  });

  test('a weekly digest belongs to the latest Monday 07:00', () => {
    // 30 November and 7 December 2026 are Mondays.
    assert.deepEqual(period('2026-12-06T12:00:00Z', 'weekly'), ['2026-11-30', '2026-11-30T06:00:00.000Z']);
    assert.deepEqual(period('2026-12-07T05:59:00Z', 'weekly'), ['2026-11-30', '2026-11-30T06:00:00.000Z']);
    assert.deepEqual(period('2026-12-07T06:00:00Z', 'weekly'), ['2026-12-07', '2026-12-07T06:00:00.000Z']);
    // Across the spring change: Monday 29 March 2027 at 07:00 summer time.
    assert.deepEqual(period('2027-03-29T05:00:00Z', 'weekly'), ['2027-03-29', '2027-03-29T05:00:00.000Z']);
  });
});

describe('the unsubscribe token', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const tenant = '00000000-0000-4000-8000-000000000001';
  const other = '00000000-0000-4000-8000-000000000002';
  const person = '11111111-1111-4111-8111-111111111111';

  test('names one person, one tenant and one kind of mail, and nothing else', () => {
    const token = unsubscribeToken(secret, tenant, person, 'meetings.followed');
    assert.deepEqual(readUnsubscribeToken(secret, tenant, token), { userId: person, stream: 'meetings.followed' });
    assert.equal(readUnsubscribeToken(secret, other, token), null, 'another tenant');
    assert.equal(readUnsubscribeToken('another-secret-of-thirty-two-characters!', tenant, token), null, 'another secret');
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(`${person}\ndigest.daily`).toString('base64url')}.${mac}`;
    assert.equal(readUnsubscribeToken(secret, tenant, forged), null, 'the same signature on another kind');
    assert.equal(readUnsubscribeToken(secret, tenant, 'nonsense'), null);
    assert.equal(readUnsubscribeToken(secret, tenant, '.'), null);
  });
});
