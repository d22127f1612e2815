import { SealedBox } from './sealed-box';

const OLD_KEY = Buffer.alloc(32, 7);
const NEW_KEY = Buffer.alloc(32, 9);

describe('SealedBox', () => {
  const box = new SealedBox({ activeKeyId: 'k1', keys: { k1: OLD_KEY } });

  it('should open what it sealed and show nothing of the value in the sealed text', () => {
    const value = { od: { sphere: -125, cylinder: -50, axis: 180 } };
    const sealed = box.seal(value, 'member:1');
    expect(sealed).toMatch(/^k1:[A-Za-z0-9+/=]+$/);
    // Decoded, not just base64: plain base64 of the JSON would also hide the digits from a text search.
    expect(Buffer.from(sealed.slice('k1:'.length), 'base64').toString('latin1')).not.toContain('sphere');
    expect(box.open(sealed, 'member:1')).toEqual(value);
  });

  it('should refuse to open a value bound to other associated data', () => {
    const sealed = box.seal({ sphere: -100 }, 'member:1');
    expect(() => box.open(sealed, 'member:2')).toThrow();
  });

  it('should keep opening values of a rotated-out key and seal new ones with the active key', () => {
    const sealedBefore = box.seal({ sphere: -100 }, 'member:1');
    const rotated = new SealedBox({ activeKeyId: 'k2', keys: { k1: OLD_KEY, k2: NEW_KEY } });
    expect(rotated.open(sealedBefore, 'member:1')).toEqual({ sphere: -100 });
    expect(rotated.seal({ sphere: -100 }, 'member:1')).toMatch(/^k2:/);
  });

  it('should reseal an old value under the active key, openable without the old key', () => {
    const sealedBefore = box.seal({ sphere: -100, notes: '复查' }, 'member:1');
    const rotated = new SealedBox({ activeKeyId: 'k2', keys: { k1: OLD_KEY, k2: NEW_KEY } });
    const resealed = rotated.reseal(sealedBefore, 'member:1');
    expect(rotated.keyIdOf(sealedBefore)).toBe('k1');
    expect(rotated.keyIdOf(resealed)).toBe('k2');
    const onlyNewKey = new SealedBox({ activeKeyId: 'k2', keys: { k2: NEW_KEY } });
    expect(onlyNewKey.open(resealed, 'member:1')).toEqual({ sphere: -100, notes: '复查' });
    expect(() => rotated.reseal(sealedBefore, 'member:2')).toThrow();
  });

  it('should fail clearly on an unknown key id', () => {
    expect(() => box.open('k9:AAAA', 'member:1')).toThrow('No prescription key with id "k9"');
  });
});
