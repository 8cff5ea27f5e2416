import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePoolName, poolSlug } from './names.js';

describe('poolSlug (mempool: name.replace(/[^a-z0-9]/gi, "").toLowerCase())', () => {
  // Examples from pool-definitions-mempool/PROVENANCE.md and mempool.space URLs.
  it.each([
    ['Foundry USA', 'foundryusa'],
    ['BTC.com', 'btccom'],
    ['EXX&BW', 'exxbw'],
    ['21 Inc.', '21inc'],
    ["Tricky's BTC Pool", 'trickysbtcpool'],
    ['八宝池', ''],
  ])('%s → %s', (name, slug) => expect(poolSlug(name)).toBe(slug));
});

describe('normalizePoolName', () => {
  it.each([
    ['BTC.com', 'BTC.COM'],
    ['Huobi.pool', 'Huobi Pool'],
    ['ULTIMUSPOOL', 'Ultimus Pool'],
    ['KuCoinPool', 'KuCoin Pool'],
    ['MARA Pool', 'Mara Pool'],
    ['Zulupool', 'Zulu Pool'],
    ['EMCDPool', 'EMCD'],
    ['Mining-Dutch', 'Mining Dutch'],
  ])('%s ~ %s', (a, b) => expect(normalizePoolName(a)).toBe(normalizePoolName(b)));

  it.each([
    ['BTC.com', 'BTC.TOP'],
    ['Rawpool', 'Rawpool.com'],
    ['Poolin', 'Pool'],
    ['Bitdeer', 'BIT Mining'],
  ])('%s ≁ %s', (a, b) => expect(normalizePoolName(a)).not.toBe(normalizePoolName(b)));

  it('keeps names that are only "pool" or start with it', () => {
    expect(normalizePoolName('Pool')).toBe('pool');
    expect(normalizePoolName('Poolin')).toBe('poolin');
  });

  it('property: idempotent up to one suffix, insensitive to case and punctuation', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        expect(normalizePoolName(s.toUpperCase())).toBe(normalizePoolName(s.toLowerCase()));
        expect(normalizePoolName(`${s}.-`)).toBe(normalizePoolName(s));
        expect(normalizePoolName(s)).toMatch(/^[a-z0-9]*$/);
      }),
    );
  });
});
