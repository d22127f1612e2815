/**
 * Writes the demo catalog's product pictures to server/static/products/ as small SVGs, so the
 * mall shows images without any external URL. Run again after changing the demo catalog:
 *   pnpm --filter @lensloop/scripts exec tsx demo/generate-product-images.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProductCategory } from '@lensloop/shared';
import { demoCatalog } from '../../server/src/demo/demo-catalog';

const DRAWINGS: Record<ProductCategory, (colour: string) => string> = {
  frames: (colour) => `
    <circle cx="110" cy="160" r="62" fill="#ffffff" stroke="${colour}" stroke-width="14"/>
    <circle cx="290" cy="160" r="62" fill="#ffffff" stroke="${colour}" stroke-width="14"/>
    <path d="M172 150 Q200 128 228 150" fill="none" stroke="${colour}" stroke-width="12"/>
    <path d="M48 150 L14 132 M352 150 L386 132" stroke="${colour}" stroke-width="12" stroke-linecap="round"/>`,
  lenses: (colour) => `
    <ellipse cx="200" cy="160" rx="120" ry="96" fill="${colour}" fill-opacity="0.35" stroke="${colour}" stroke-width="8"/>
    <path d="M130 120 Q170 90 220 100" fill="none" stroke="#ffffff" stroke-width="10" stroke-linecap="round"/>`,
  contacts: (colour) => `
    <rect x="90" y="80" width="220" height="160" rx="18" fill="#ffffff" stroke="${colour}" stroke-width="8"/>
    <circle cx="200" cy="160" r="52" fill="${colour}" fill-opacity="0.45" stroke="${colour}" stroke-width="6"/>`,
  care: (colour) => `
    <rect x="150" y="70" width="100" height="190" rx="24" fill="${colour}"/>
    <rect x="175" y="40" width="50" height="36" rx="8" fill="#555555"/>
    <rect x="165" y="130" width="70" height="60" rx="6" fill="#ffffff"/>`,
  services: (colour) => `
    <path d="M40 160 Q200 40 360 160 Q200 280 40 160 Z" fill="#ffffff" stroke="${colour}" stroke-width="10"/>
    <circle cx="200" cy="160" r="48" fill="${colour}"/>
    <circle cx="200" cy="160" r="18" fill="#222222"/>`,
};

const directory = resolve(__dirname, '../../server/static/products');
mkdirSync(directory, { recursive: true });
for (const product of demoCatalog()) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 320" width="400" height="320">
  <rect width="400" height="320" fill="#f4f6f8"/>${DRAWINGS[product.category](product.colour)}
</svg>
`;
  writeFileSync(resolve(directory, product.image), svg);
}
process.stdout.write(`wrote ${demoCatalog().length} images to ${directory}\n`);
