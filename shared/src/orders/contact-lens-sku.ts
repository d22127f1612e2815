import type { Sku } from '../api-types';
import type { ContactLensPower } from '../prescriptions/contact-lens-power';

/** `-475` → `-4.75`, `50` → `+0.50`, `0` → `0.00`: how contact-lens SKUs name their powers. */
export function contactLensPowerAttribute(hundredths: number): string {
  const text = (Math.abs(hundredths) / 100).toFixed(2);
  if (hundredths === 0) return text;
  return hundredths > 0 ? `+${text}` : `-${text}`;
}

/**
 * The contact-lens SKU of a product for a converted power (see `contactLensFor`): attributes
 * `power`, and for a toric product also `cylinder` and `axis`. A toric power on a spherical
 * product, or a power the product is not made in, gives null.
 */
export function contactLensSkuFor(skus: readonly Sku[], lens: ContactLensPower): Sku | null {
  const isToric = skus.some((sku) => sku.attributes.cylinder !== undefined);
  if (lens.cylinder !== 0 && !isToric) return null;
  return (
    skus.find(
      (sku) =>
        sku.attributes.power === contactLensPowerAttribute(lens.sphere) &&
        (!isToric ||
          (sku.attributes.cylinder === contactLensPowerAttribute(lens.cylinder) &&
            sku.attributes.axis === String(lens.axis))),
    ) ?? null
  );
}
