import { classValidatorAnswer } from '../../../common/validation.spec-support';
import {
  fastProductDetailQuery,
  fastProductQuery,
  ProductDetailQueryDto,
  ProductQueryDto,
} from './product-query.dto';

const slow = classValidatorAnswer;

describe('fast product query validation', () => {
  it.each([
    [{}],
    [{ category: 'frames', page: '1', pageSize: '20' }],
    [{ category: 'lenses', page: '10000', pageSize: '100' }],
    [{ featured: 'true' }],
    [{ featured: 'false', category: 'care' }],
    [{ q: '  Aqua Daily  ' }],
    [{ q: '' }],
    [{ q: '%_!' }],
    [{ q: 'x'.repeat(50) }],
  ])('should answer %j exactly as class-validator does', async (query) => {
    const fast = fastProductQuery(query);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(await slow(query, ProductQueryDto));
  });

  it.each([
    [{ category: 'hats' }],
    [{ page: '0' }],
    [{ page: '10001' }],
    [{ pageSize: '101' }],
    [{ page: '1.5' }],
    [{ page: '-1' }],
    [{ page: '01' }],
    [{ page: ' 2' }],
    [{ featured: 'yes' }],
    [{ q: 'x'.repeat(51) }],
    [{ q: ['a', 'b'] }],
    [{ unknown: '1' }],
  ])('should leave %j to class-validator', (query) => {
    expect(fastProductQuery(query)).toBeNull();
  });

  it('should leave to class-validator only what it rejects or reads the same', async () => {
    // '01' and ' 2' are valid for the DTO: the slow path still answers them.
    expect(await slow({ page: '01' }, ProductQueryDto)).toEqual({ page: 1 });
    expect(await slow({ category: 'hats' }, ProductQueryDto)).toBe('rejected');
  });

  it.each([[{}], [{ storeId: '7' }], [{ storeId: '123456789' }]])(
    'should answer the detail query %j exactly as class-validator does',
    async (query) => {
      const fast = fastProductDetailQuery(query);
      expect(fast).not.toBeNull();
      expect(fast).toEqual(await slow(query, ProductDetailQueryDto));
    },
  );

  it.each([[{ storeId: '0' }], [{ storeId: 'abc' }], [{ storeId: '7', other: '1' }], [{ other: '1' }]])(
    'should leave the detail query %j to class-validator',
    (query) => {
      expect(fastProductDetailQuery(query)).toBeNull();
    },
  );
});
