export interface StockDemand {
  skuId: number;
  quantity: number;
}

/**
 * Units needed per SKU: lines on the same SKU are summed, so two lines cannot each pass the
 * stock check alone and oversell together; sorted by SKU so that concurrent orders lock stock
 * rows in the same order and do not deadlock.
 */
export function stockDemand(lines: readonly StockDemand[]): StockDemand[] {
  const totals = new Map<number, number>();
  for (const line of lines) totals.set(line.skuId, (totals.get(line.skuId) ?? 0) + line.quantity);
  return [...totals.entries()]
    .map(([skuId, quantity]) => ({ skuId, quantity }))
    .sort((left, right) => left.skuId - right.skuId);
}
