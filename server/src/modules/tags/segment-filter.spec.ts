import { compileFilter, FilterError } from './segment-filter';

describe('compileFilter', () => {
  it('should compile all/any/not/tag/field to one condition with its parameters in order', () => {
    const compiled = compileFilter({
      all: [
        { tag: '爱运动' },
        {
          any: [
            { field: 'homeStoreId', op: 'in', value: [1, 2] },
            { not: { field: 'spend', op: 'lte', value: 100 } },
          ],
        },
      ],
    });
    const [, tag] =
      /^\((.+) AND \(f\.home_store_id IN \(\?, \?\) OR \(NOT f\.spend <= \?\)\)\)$/.exec(compiled.sql) ?? [];
    expect(tag).toMatch(/member_tags t WHERE .*t\.name = \?\)$/);
    expect(compiled.params).toEqual(['爱运动', 1, 2, 100]);
    expect(compiled.tags).toEqual([{ name: '爱运动', path: 'filter.all.0.tag' }]);
  });

  it.each([
    ['D类', 'f.purchase_class = ?', ['D']],
    ['核心客户', 'f.quadrant = ?', ['core']],
    ['复查逾期', '(f.life_tags & 16) <> 0', []],
    ['来源:门店', 'f.channel IN (?, ?)', ['store_qr', 'store_purchase']],
    ['区域:上海', 'f.region = ?', ['上海']],
  ])('should test the automatic tag %s on the facts row', (tag, sql, params) => {
    expect(compileFilter({ tag })).toMatchObject({ sql, params });
  });

  it('should read a bare date as midnight in Asia/Shanghai', () => {
    expect(compileFilter({ field: 'registeredAt', op: 'gte', value: '2026-12-01' }).params).toEqual([
      new Date('2026-11-30T16:00:00Z'),
    ]);
  });

  it.each([
    [{ field: 'age', op: 'eq', value: 1 }, 'filter.field'],
    [
      { all: [{ tag: 'A类' }, { any: [{ field: 'quadrant', op: 'eq', value: 'vip' }] }] },
      'filter.all.1.any.0.value',
    ],
    [{ not: null }, 'filter.not'],
    [{ field: 'purchases', op: 'eq', value: 1, extra: true }, 'filter.extra'],
  ])('should name the bad node of %j', (filter, path) => {
    try {
      compileFilter(filter);
      throw new Error('compiled');
    } catch (error) {
      expect(error).toBeInstanceOf(FilterError);
      expect((error as FilterError).details.map((detail) => detail.field)).toEqual([path]);
    }
  });

  it('should refuse a filter nested too deep', () => {
    let filter: object = { tag: 'A类' };
    for (let level = 0; level < 10; level++) filter = { not: filter };
    expect(() => compileFilter(filter)).toThrow(FilterError);
  });
});
