import { stockDemand, type StockDemand } from './stock-demand';

describe('stockDemand', () => {
  const cases: [string, StockDemand[], StockDemand[]][] = [
    ['nothing', [], []],
    ['one line', [{ skuId: 7, quantity: 2 }], [{ skuId: 7, quantity: 2 }]],
    [
      'two lines on one SKU',
      [
        { skuId: 7, quantity: 2 },
        { skuId: 7, quantity: 3 },
      ],
      [{ skuId: 7, quantity: 5 }],
    ],
    [
      'several SKUs, sorted',
      [
        { skuId: 9, quantity: 1 },
        { skuId: 3, quantity: 1 },
        { skuId: 9, quantity: 4 },
      ],
      [
        { skuId: 3, quantity: 1 },
        { skuId: 9, quantity: 5 },
      ],
    ],
  ];

  it.each(cases)('should sum %s', (_label, lines, expected) => {
    expect(stockDemand(lines)).toEqual(expected);
  });
});
