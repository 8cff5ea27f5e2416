import { describe, expect, it } from 'vitest';
import { asOfAttributor, datedTags } from './as-of.js';

const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex');
const spans = [
  { kind: 'tag', key: '/slush/', poolName: 'SlushPool', firstSeen: '2016-09-14T15:30:49+08:00', removedOrRenamedAt: '2023-02-23T18:10:55+00:00' },
  { kind: 'tag', key: '/slush/', poolName: 'Braiins Pool', firstSeen: '2023-02-23T18:10:55+00:00', removedOrRenamedAt: '' },
  { kind: 'tag', key: 'SpiderPool', poolName: 'SpiderPool', firstSeen: '2024-05-31T00:00:00+00:00', removedOrRenamedAt: '' },
  { kind: 'tag', key: 'Pool', poolName: 'Generic', firstSeen: '2014-01-01T00:00:00+00:00', removedOrRenamedAt: '' },
  { kind: 'address', key: '1abc', poolName: 'X', firstSeen: '2014-01-01T00:00:00+00:00', removedOrRenamedAt: '' },
];
const at = asOfAttributor(datedTags(spans));
const t = (iso: string) => Date.parse(iso) / 1000;

describe('rules as of the block date', () => {
  it('uses only the tags in the list at the block time, under the name of that time', () => {
    expect(at(hex('\x03..../slush/..'), t('2020-06-01T00:00:00Z'))).toBe('SlushPool');
    expect(at(hex('\x03..../slush/..'), t('2024-06-01T00:00:00Z'))).toBe('Braiins Pool');
    // SpiderPool's tag entered the list in May 2024: a 2020 block carrying it falls to what was listed then.
    expect(at(hex('..SpiderPool/..'), t('2020-06-01T00:00:00Z'))).toBe('Generic');
    expect(at(hex('..SpiderPool/..'), t('2024-06-01T00:00:00Z'))).toBe('SpiderPool');
    expect(at(hex('nothing here'), t('2024-06-01T00:00:00Z'))).toBeNull();
    expect(at(hex('/slush/'), NaN)).toBeNull();
  });
  it('ignores address spans', () => {
    expect(datedTags(spans).every((d) => d.tag !== '1abc')).toBe(true);
  });
});
