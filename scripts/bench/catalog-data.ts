/**
 * A catalog of realistic size for the benchmarks and the query-plan test: frames added to the demo
 * catalog with multi-row inserts.
 */
import { createConnection } from 'mysql2/promise';

/**
 * Adds `count` frames on sale, each with two colour SKUs stocked in every store, with multi-row
 * inserts (the demo catalog stays: its lenses are what a frame's detail offers).
 */
export async function addFrames(databaseUrl: string, count: number): Promise<void> {
  if (count === 0) return;
  const connection = await createConnection(databaseUrl);
  try {
    const [stores] = await connection.query('SELECT id FROM stores');
    const storeIds = (stores as { id: number }[]).map((store) => store.id);
    const colours = [
      { code: 'BLK', zh: '黑色', en: 'Black' },
      { code: 'TOR', zh: '玳瑁色', en: 'Tortoise' },
    ];
    for (let start = 0; start < count; start += 500) {
      const batch = Math.min(500, count - start);
      const products = Array.from({ length: batch }, (_, index) => {
        const n = start + index + 1;
        const price = 29_900 + (n % 40) * 1_000;
        return [
          'frames',
          `基准镜架 ${n} 号`,
          `Bench frame ${n}`,
          n % 3 === 0 ? '镜界' : '光年',
          `用于基准测试的镜架 ${n}：钛合金镜腿，轻盈舒适。`,
          `/static/products/frame-${(n % 8) + 1}.jpg`,
          price,
          n % 50 === 0 ? 1 : 0,
        ];
      });
      const [inserted] = await connection.query(
        'INSERT INTO products (category, name, name_en, brand, description, image_url, price_from, featured) VALUES ?',
        [products],
      );
      const firstId = (inserted as { insertId: number }).insertId;
      const skus = products.flatMap((product, index) =>
        colours.map((colour, colourIndex) => [
          firstId + index,
          `BF${String(start + index + 1).padStart(6, '0')}-${colour.code}`,
          JSON.stringify({ colour: colour.zh, colourEn: colour.en }),
          (product[6] as number) + colourIndex * 2_000,
        ]),
      );
      const [skuResult] = await connection.query(
        'INSERT INTO skus (product_id, code, attributes, price) VALUES ?',
        [skus],
      );
      const firstSku = (skuResult as { insertId: number }).insertId;
      const stock = skus.flatMap((_, index) =>
        storeIds.map((storeId) => [storeId, firstSku + index, (index * 7 + storeId) % 13]),
      );
      await connection.query('INSERT INTO store_stock (store_id, sku_id, quantity) VALUES ?', [stock]);
    }
    await connection.query('ANALYZE TABLE products, skus, store_stock');
  } finally {
    await connection.end();
  }
}
