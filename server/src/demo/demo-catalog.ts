import type { LensDesign, LensOption, ProductCategory } from '@lensloop/shared';

export interface DemoSku {
  code: string;
  attributes: Record<string, string>;
  price: number;
}

export interface DemoProduct {
  category: ProductCategory;
  name: string;
  brand: string;
  description: string;
  /** File name under server/static/products/. */
  image: string;
  /** Main colour of the picture, in hex. */
  colour: string;
  featured: boolean;
  skus: DemoSku[];
}

const FRAME_MODELS = [
  ['Aria', 'acetate', 'round', '49□20-145'],
  ['Bolt', 'titanium', 'rectangle', '54□17-140'],
  ['Clover', 'TR90', 'cat-eye', '51□18-140'],
  ['Dune', 'acetate', 'square', '52□18-145'],
  ['Echo', 'beta-titanium', 'round', '48□21-145'],
  ['Fjord', 'stainless steel', 'aviator', '56□15-140'],
  ['Grove', 'acetate', 'rectangle', '53□17-145'],
  ['Halo', 'titanium', 'rimless', '52□18-140'],
  ['Iris', 'TR90', 'oval', '50□19-138'],
  ['Jade', 'acetate', 'cat-eye', '52□17-140'],
  ['Kite', 'titanium', 'browline', '51□20-145'],
  ['Luna', 'acetate', 'round', '47□22-145'],
  ['Mori', 'wood-acetate', 'square', '53□19-145'],
  ['Nova', 'TR90', 'rectangle', '54□16-140'],
  ['Opal', 'beta-titanium', 'oval', '50□18-140'],
  ['Pico', 'TR90', 'round', '44□16-125'],
  ['Quill', 'stainless steel', 'rectangle', '55□17-145'],
  ['Reed', 'titanium', 'half-rim', '53□18-145'],
  ['Sage', 'acetate', 'geometric', '51□19-140'],
  ['Tide', 'acetate', 'square', '55□18-145'],
  ['Umi', 'TR90', 'rectangle', '46□16-130'],
  ['Vale', 'titanium', 'round', '49□21-145'],
  ['Wren', 'acetate', 'cat-eye', '53□16-140'],
  ['Yuki', 'beta-titanium', 'rimless', '52□17-140'],
] as const;

const FRAME_BRANDS = ['Lumen', 'Kaleido', 'Ray Harbor', 'Bamboo Lane'];
const FRAME_COLOURS: [string, string][] = [
  ['Black', '#222222'],
  ['Tortoise', '#8a5a2b'],
  ['Crystal', '#9fc6d9'],
  ['Gold', '#c9a13b'],
  ['Navy', '#1f3a68'],
  ['Rose', '#c97a86'],
];

function frames(): DemoProduct[] {
  return FRAME_MODELS.map(([model, material, shape, size], index) => {
    const brand = FRAME_BRANDS[index % FRAME_BRANDS.length];
    const basePrice = 29_900 + ((index * 7) % 12) * 10_000;
    const colours = [0, 1, 2].map((offset) => FRAME_COLOURS[(index + offset) % FRAME_COLOURS.length]);
    const number = String(index + 1).padStart(2, '0');
    return {
      category: 'frames',
      name: `${brand} ${model} ${shape} frame`,
      brand,
      description: `${material} ${shape} frame, size ${size} (lens width □ bridge – temple, mm).`,
      image: `frame-${number}.svg`,
      colour: colours[0][1],
      featured: index % 6 === 0,
      skus: colours.map(([colour], colourIndex) => ({
        code: `FR${number}-${colour.toUpperCase().slice(0, 3)}`,
        attributes: { colour, size, material },
        price: basePrice + colourIndex * 2_000,
      })),
    };
  });
}

const LENS_LINES: readonly [string, LensDesign, string, string][] = [
  ['Clear View', 'single-vision', 'Lumen Optics', 'single-vision'],
  ['Blue Shield', 'single-vision', 'Lumen Optics', 'single-vision blue-cut'],
  ['Sun Adapt', 'single-vision', 'Kaleido Lens', 'photochromic single-vision'],
  ['Free Focus', 'progressive', 'Kaleido Lens', 'progressive'],
  ['Kid Guard', 'myopia-control', 'Lumen Optics', 'myopia-control'],
  ['Drive Sharp', 'single-vision', 'Ray Harbor', 'single-vision anti-glare'],
];
const LENS_INDICES = ['1.50', '1.56', '1.60', '1.67', '1.74'];

function lenses(): DemoProduct[] {
  return LENS_LINES.flatMap(([line, design, brand, kind], lineIndex) =>
    ['standard', 'premium'].map((grade, gradeIndex) => {
      const number = String(lineIndex * 2 + gradeIndex + 1).padStart(2, '0');
      const indices = design === 'myopia-control' ? LENS_INDICES.slice(1, 3) : LENS_INDICES;
      const base = 19_900 + lineIndex * 15_000 + gradeIndex * 20_000;
      return {
        category: 'lenses' as const,
        name: `${brand} ${line} ${grade === 'premium' ? 'Premium ' : ''}lens`,
        brand,
        description: `${kind} spectacle lens (pair), ${grade} coating.`,
        image: `lens-${number}.svg`,
        colour: ['#6fb1d6', '#4c7cc9', '#8c6bbf', '#4aa58a', '#e39b3d', '#5a6c7d'][lineIndex],
        featured: lineIndex === 1 && gradeIndex === 0,
        skus: indices.map((index, position) => ({
          code: `LN${number}-${index.replace('.', '')}`,
          attributes: { index, design, coating: grade },
          price: base + position * 12_000,
        })),
      };
    }),
  );
}

const CONTACT_LINES = [
  ['Aqua Daily', 'daily', 30, 12_900],
  ['Aqua Daily', 'daily', 90, 33_900],
  ['Oxy Daily Moist', 'daily', 30, 15_900],
  ['Silk 2-Week', '2-week', 6, 16_900],
  ['Silk 2-Week Toric', '2-week', 6, 22_900],
  ['Breathe Monthly', 'monthly', 3, 11_900],
  ['Breathe Monthly', 'monthly', 6, 19_900],
  ['Colour Blossom Daily', 'daily', 10, 8_900],
  ['Colour Blossom Monthly', 'monthly', 2, 9_900],
  ['Night Clear Daily', 'daily', 30, 17_900],
  ['Sport Fit Daily', 'daily', 30, 14_900],
  ['Pure Monthly', 'monthly', 3, 13_900],
] as const;

/** Contact-lens powers −0.50 … −10.00 D in 0.25 steps, in hundredths. */
const CONTACT_POWERS = Array.from({ length: 39 }, (_, step) => -50 - step * 25);

function contacts(): DemoProduct[] {
  return CONTACT_LINES.map(([line, cycle, box, price], index) => {
    const number = String(index + 1).padStart(2, '0');
    return {
      category: 'contacts' as const,
      name: `${line} ${box}-pack`,
      brand: index % 2 ? 'Oxy Vision' : 'Aqua Lens',
      description: `${cycle} contact lenses, box of ${box}. One box per eye.`,
      image: `contact-${number}.svg`,
      colour: ['#5ec4e8', '#3aa0c8', '#8fd3c1', '#f2a7c3'][index % 4],
      featured: index === 0,
      skus: CONTACT_POWERS.map((power) => ({
        code: `CL${number}-${Math.abs(power)}`,
        attributes: { power: (power / 100).toFixed(2), box: String(box), cycle },
        price,
      })),
    };
  });
}

const CARE = [
  ['Multi-purpose solution 360 ml', 4_900],
  ['Multi-purpose solution 120 ml travel', 2_500],
  ['Hydrogen peroxide system 300 ml', 8_900],
  ['Lens cleaning spray 60 ml', 2_900],
  ['Microfibre cloth (3 pack)', 1_900],
  ['Hard case, leather look', 3_900],
  ['Lubricating eye drops 10 ml', 3_500],
  ['Anti-fog wipes (30)', 2_900],
] as const;

function care(): DemoProduct[] {
  return CARE.map(([name, price], index) => {
    const number = String(index + 1).padStart(2, '0');
    return {
      category: 'care' as const,
      name,
      brand: 'LensLoop Care',
      description: `${name}. Keeps lenses and eyes comfortable.`,
      image: `care-${number}.svg`,
      colour: ['#7bc47f', '#4aa58a', '#e39b3d', '#6fb1d6'][index % 4],
      featured: index === 0,
      skus: [{ code: `CR${number}`, attributes: {}, price }],
    };
  });
}

const SERVICES = [
  ['Comprehensive eye exam', 0, 'Refraction, visual acuity and binocular vision, about 30 minutes.'],
  ["Children's myopia check", 0, 'Refraction and axial length for children, every 3–6 months.'],
  ['Ultrasonic lens cleaning', 0, 'Cleans frames and lenses; free for LensLoop glasses.'],
  ['Frame adjustment and nose pads', 1_000, 'Refit temples, replace nose pads.'],
  ['Contact lens fitting', 5_000, 'Corneal check, trial lenses and wearing lesson.'],
  ['Ortho-K consultation', 20_000, 'Topography and trial for orthokeratology.'],
] as const;

function services(): DemoProduct[] {
  return SERVICES.map(([name, price, description], index) => {
    const number = String(index + 1).padStart(2, '0');
    return {
      category: 'services' as const,
      name,
      brand: 'LensLoop',
      description,
      image: `service-${number}.svg`,
      colour: ['#4c7cc9', '#e39b3d', '#5ec4e8'][index % 3],
      featured: index < 2,
      skus: [{ code: `SV${number}`, attributes: {}, price }],
    };
  });
}

/** Priced extras for spectacle lenses, per pair. */
export const DEMO_LENS_OPTIONS: readonly LensOption[] = [
  { code: 'AR-STANDARD', kind: 'coating', name: 'Anti-reflective coating', price: 0 },
  {
    code: 'AR-PREMIUM',
    kind: 'coating',
    name: 'Premium anti-reflective, smudge-resistant coating',
    price: 8_000,
  },
  { code: 'HARD-COAT', kind: 'coating', name: 'Scratch-resistant hard coat', price: 3_000 },
  { code: 'BLUE-CUT', kind: 'blue_cut', name: 'Blue-light filter', price: 12_000 },
  { code: 'PHOTO-GREY', kind: 'photochromic', name: 'Photochromic, grey', price: 30_000 },
  { code: 'PHOTO-BROWN', kind: 'photochromic', name: 'Photochromic, brown', price: 30_000 },
  { code: 'TINT-GREY', kind: 'tint', name: 'Sun tint, grey 80%', price: 10_000 },
  { code: 'TINT-GRADIENT', kind: 'tint', name: 'Gradient fashion tint', price: 15_000 },
];

/** The demo catalog: 62 products across the five categories. */
export function demoCatalog(): DemoProduct[] {
  return [...frames(), ...lenses(), ...contacts(), ...care(), ...services()];
}
