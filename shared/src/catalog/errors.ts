/** Codes of the catalog: products, SKUs and their stock. */
export const CatalogErrorCode = {
  PRODUCT_NOT_FOUND: 'PRODUCT_NOT_FOUND',
  SKU_NOT_FOUND: 'SKU_NOT_FOUND',
  SKU_OFF_SALE: 'SKU_OFF_SALE',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
} as const;
export type CatalogErrorCode = (typeof CatalogErrorCode)[keyof typeof CatalogErrorCode];
