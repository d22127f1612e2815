import { parseCustomerScene } from './customer.types';

describe('parseCustomerScene', () => {
  it('should read the staff, store, regional and counter scenes', () => {
    expect(parseCustomerScene('s:12')).toEqual({ kind: 'staff', staffId: 12 });
    expect(parseCustomerScene('st:3')).toEqual({ kind: 'store', storeId: 3 });
    expect(parseCustomerScene('r:shanghai')).toEqual({ kind: 'regional', regionCode: 'shanghai' });
    expect(parseCustomerScene('c:4')).toEqual({ kind: 'counter', storeId: 4 });
    expect(parseCustomerScene('t:4')).toEqual({ kind: 'counter', storeId: 4 });
    expect(parseCustomerScene('s%3A7')).toEqual({ kind: 'staff', staffId: 7 });
  });

  it('should refuse anything else', () => {
    for (const scene of [
      '',
      's:',
      's:0',
      's:abc',
      'ref:ABCDEFGH',
      'x:1',
      's:99999999999',
      'c:-1',
      '%E0%A4%A',
    ]) {
      expect(parseCustomerScene(scene)).toBeNull();
    }
  });
});
