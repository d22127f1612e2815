import type { LensDesign, LensOption, LensPowerRange, ProductCategory } from '@lensloop/shared';

export interface DemoSku {
  code: string;
  attributes: Record<string, string>;
  price: number;
  powerRange?: LensPowerRange;
}

export interface DemoProduct {
  category: ProductCategory;
  /** Simplified Chinese, as the customer reads it. */
  name: string;
  /** English translation. */
  nameEn: string;
  brand: string;
  description: string;
  /** File name under server/static/products/. */
  image: string;
  /** Main colour of the picture, in hex. */
  colour: string;
  featured: boolean;
  skus: DemoSku[];
}

// The brands are made up: 澄光 Lumen, 镜界 Kaleido, 港湾 Harbor, 竹巷 Bamboo Lane.
const FRAME_BRANDS = [
  ['澄光', 'Lumen'],
  ['镜界', 'Kaleido'],
  ['港湾', 'Harbor'],
  ['竹巷', 'Bamboo Lane'],
] as const;

const MATERIALS: Record<string, string> = {
  acetate: '板材',
  titanium: '纯钛',
  TR90: 'TR90',
  'beta-titanium': 'β钛',
  'stainless steel': '不锈钢',
  'wood-acetate': '木纹板材',
};

const SHAPES: Record<string, string> = {
  round: '圆框',
  rectangle: '方框',
  'cat-eye': '猫眼框',
  square: '方圆框',
  aviator: '飞行员框',
  rimless: '无框',
  oval: '椭圆框',
  browline: '眉线框',
  'half-rim': '半框',
  geometric: '多边形框',
};

const FRAME_MODELS = [
  ['晨曦', 'Aria', 'acetate', 'round', '49□20-145'],
  ['闪电', 'Bolt', 'titanium', 'rectangle', '54□17-140'],
  ['四叶', 'Clover', 'TR90', 'cat-eye', '51□18-140'],
  ['沙丘', 'Dune', 'acetate', 'square', '52□18-145'],
  ['回声', 'Echo', 'beta-titanium', 'round', '48□21-145'],
  ['峡湾', 'Fjord', 'stainless steel', 'aviator', '56□15-140'],
  ['林荫', 'Grove', 'acetate', 'rectangle', '53□17-145'],
  ['光环', 'Halo', 'titanium', 'rimless', '52□18-140'],
  ['鸢尾', 'Iris', 'TR90', 'oval', '50□19-138'],
  ['青玉', 'Jade', 'acetate', 'cat-eye', '52□17-140'],
  ['纸鸢', 'Kite', 'titanium', 'browline', '51□20-145'],
  ['月影', 'Luna', 'acetate', 'round', '47□22-145'],
  ['森屿', 'Mori', 'wood-acetate', 'square', '53□19-145'],
  ['新星', 'Nova', 'TR90', 'rectangle', '54□16-140'],
  ['暖玉', 'Opal', 'beta-titanium', 'oval', '50□18-140'],
  ['小豆', 'Pico', 'TR90', 'round', '44□16-125'],
  ['羽笔', 'Quill', 'stainless steel', 'rectangle', '55□17-145'],
  ['芦苇', 'Reed', 'titanium', 'half-rim', '53□18-145'],
  ['青蒿', 'Sage', 'acetate', 'geometric', '51□19-140'],
  ['潮汐', 'Tide', 'acetate', 'square', '55□18-145'],
  ['海风', 'Umi', 'TR90', 'rectangle', '46□16-130'],
  ['山谷', 'Vale', 'titanium', 'round', '49□21-145'],
  ['鹪鹩', 'Wren', 'acetate', 'cat-eye', '53□16-140'],
  ['初雪', 'Yuki', 'beta-titanium', 'rimless', '52□17-140'],
] as const;

// [Chinese, English (its SKU code), picture colour]
const FRAME_COLOURS = [
  ['黑色', 'Black', '#222222'],
  ['玳瑁', 'Tortoise', '#8a5a2b'],
  ['透明', 'Crystal', '#9fc6d9'],
  ['金色', 'Gold', '#c9a13b'],
  ['藏青', 'Navy', '#1f3a68'],
  ['玫瑰', 'Rose', '#c97a86'],
] as const;

function frames(): DemoProduct[] {
  return FRAME_MODELS.map(([model, modelEn, material, shape, size], index) => {
    const [brand, brandEn] = FRAME_BRANDS[index % FRAME_BRANDS.length];
    const basePrice = 29_900 + ((index * 7) % 12) * 10_000;
    const colours = [0, 1, 2].map((offset) => FRAME_COLOURS[(index + offset) % FRAME_COLOURS.length]);
    const number = String(index + 1).padStart(2, '0');
    return {
      category: 'frames',
      name: `${brand}「${model}」${MATERIALS[material]}${SHAPES[shape]}`,
      nameEn: `${brandEn} ${modelEn} ${shape} frame`,
      brand,
      description: `${MATERIALS[material]}${SHAPES[shape]}，尺寸 ${size}（镜片宽□鼻梁宽-镜腿长，毫米）。`,
      image: `frame-${number}.svg`,
      colour: colours[0][2],
      featured: index % 6 === 0,
      skus: colours.map(([colour, colourEn], colourIndex) => ({
        code: `FR${number}-${colourEn.toUpperCase().slice(0, 3)}`,
        attributes: { colour, size, material: MATERIALS[material] },
        price: basePrice + colourIndex * 2_000,
      })),
    };
  });
}

/** Stock single-vision lenses as lens makers list them: powers by index, and a price step per index. */
const SINGLE_VISION_INDICES: readonly { index: string; range: LensPowerRange; extra: number }[] = [
  { index: '1.50', range: { sphereMin: -600, sphereMax: 600, cylinderMax: 200 }, extra: 0 },
  { index: '1.56', range: { sphereMin: -800, sphereMax: 600, cylinderMax: 400 }, extra: 10_000 },
  { index: '1.60', range: { sphereMin: -1000, sphereMax: 800, cylinderMax: 400 }, extra: 30_000 },
  { index: '1.67', range: { sphereMin: -1200, sphereMax: 800, cylinderMax: 400 }, extra: 60_000 },
  { index: '1.74', range: { sphereMin: -1500, sphereMax: 600, cylinderMax: 400 }, extra: 150_000 },
];
// Progressives: ADD +0.75 … +3.50; 1.50 is not offered.
const PROGRESSIVE_INDICES = SINGLE_VISION_INDICES.slice(1).map(({ index, range, extra }) => ({
  index,
  range: { ...range, addMin: 75, addMax: 350 },
  extra,
}));
// Defocus (myopia-control) lenses are made in 1.56 and 1.60 only, to about −10.00 D.
const MYOPIA_CONTROL_INDICES = [
  { index: '1.56', range: { sphereMin: -1000, sphereMax: 500, cylinderMax: 400 }, extra: 0 },
  { index: '1.60', range: { sphereMin: -1000, sphereMax: 500, cylinderMax: 400 }, extra: 40_000 },
];

const LENS_LINES: readonly [string, string, LensDesign, string, string, number][] = [
  ['清晰视界', 'Clear View', 'single-vision', '澄光光学', '单光镜片', 16_800],
  ['防蓝光', 'Blue Shield', 'single-vision', '澄光光学', '防蓝光单光镜片', 29_800],
  ['智能变色', 'Sun Adapt', 'single-vision', '镜界光学', '变色单光镜片', 59_800],
  ['自由视', 'Free Focus', 'progressive', '镜界光学', '渐进多焦点镜片', 128_000],
  ['护童', 'Kid Guard', 'myopia-control', '澄光光学', '离焦型近视管理镜片', 198_000],
  ['驾驶', 'Drive Sharp', 'single-vision', '港湾光学', '驾驶防眩光单光镜片', 39_800],
];

function lenses(): DemoProduct[] {
  return LENS_LINES.flatMap(([line, lineEn, design, brand, kind, base], lineIndex) =>
    (
      [
        ['标准', 'standard'],
        ['臻品', 'premium'],
      ] as const
    ).map(([grade, gradeEn], gradeIndex) => {
      const number = String(lineIndex * 2 + gradeIndex + 1).padStart(2, '0');
      const indices =
        design === 'myopia-control'
          ? MYOPIA_CONTROL_INDICES
          : design === 'progressive'
            ? PROGRESSIVE_INDICES
            : SINGLE_VISION_INDICES;
      const premium = gradeIndex === 1;
      return {
        category: 'lenses' as const,
        name: `${brand}${line}${premium ? '臻品' : ''}镜片`,
        nameEn: `${lineEn} ${premium ? 'Premium ' : ''}lens`,
        brand,
        description: `${kind}（一副），${grade}膜层。`,
        image: `lens-${number}.svg`,
        colour: ['#6fb1d6', '#4c7cc9', '#8c6bbf', '#4aa58a', '#e39b3d', '#5a6c7d'][lineIndex],
        featured: lineIndex === 1 && !premium,
        skus: indices.map(({ index, range, extra }) => ({
          code: `LN${number}-${index.replace('.', '')}`,
          attributes: { index, design, coating: gradeEn },
          price: Math.round((base + extra) * (premium ? 1.5 : 1)),
          powerRange: range,
        })),
      };
    }),
  );
}

const CYCLES = { daily: '日抛', '2-week': '双周抛', monthly: '月抛' } as const;

// [Chinese line, English line, cycle, box, price, plus powers made, toric]
const CONTACT_LINES = [
  ['水润日抛', 'Aqua Daily', 'daily', 30, 12_900, true, false],
  ['水润日抛', 'Aqua Daily', 'daily', 90, 33_900, true, false],
  ['氧护保湿日抛', 'Oxy Daily Moist', 'daily', 30, 15_900, true, false],
  ['丝滑双周抛', 'Silk 2-Week', '2-week', 6, 16_900, true, false],
  ['丝滑双周抛散光', 'Silk 2-Week Toric', '2-week', 6, 22_900, false, true],
  ['透气月抛', 'Breathe Monthly', 'monthly', 3, 11_900, true, false],
  ['透气月抛', 'Breathe Monthly', 'monthly', 6, 19_900, true, false],
  ['花漾彩瞳日抛', 'Colour Blossom Daily', 'daily', 10, 8_900, false, false],
  ['花漾彩瞳月抛', 'Colour Blossom Monthly', 'monthly', 2, 9_900, false, false],
  ['夜澈日抛', 'Night Clear Daily', 'daily', 30, 17_900, false, false],
  ['运动日抛', 'Sport Fit Daily', 'daily', 30, 14_900, true, false],
  ['纯净月抛', 'Pure Monthly', 'monthly', 3, 13_900, true, false],
] as const;

/** The soft-lens grid: 0.25 D steps to ±6.00 D, 0.50 D beyond, in hundredths. */
function powerGrid(from: number, to: number): number[] {
  const powers: number[] = [];
  for (let power = from; power <= to; power += Math.abs(power) > 600 ? 50 : 25) powers.push(power);
  return powers;
}
const MINUS_POWERS = powerGrid(-1000, -50).reverse();
const PLUS_POWERS = powerGrid(50, 600);
const TORIC_SPHERES = [0, ...powerGrid(-900, -25).reverse()];
const TORIC_CYLINDERS = [-75, -125, -175, -225];
const TORIC_AXES = [10, 90, 170, 180];

const powerText = (hundredths: number) => (hundredths > 0 ? '+' : '') + (hundredths / 100).toFixed(2);
const powerCode = (hundredths: number) => (hundredths > 0 ? `P${hundredths}` : String(Math.abs(hundredths)));

function contacts(): DemoProduct[] {
  return CONTACT_LINES.map(([line, lineEn, cycle, box, price, plus, toric], index) => {
    const number = String(index + 1).padStart(2, '0');
    const common = { box: String(box), cycle: CYCLES[cycle] };
    const skus: DemoSku[] = toric
      ? TORIC_SPHERES.flatMap((sphere) =>
          TORIC_CYLINDERS.flatMap((cylinder) =>
            TORIC_AXES.map((axis) => ({
              code: `CL${number}-${powerCode(sphere)}-C${Math.abs(cylinder)}-A${axis}`,
              attributes: {
                power: powerText(sphere),
                cylinder: powerText(cylinder),
                axis: String(axis),
                ...common,
              },
              price,
            })),
          ),
        )
      : [...MINUS_POWERS, ...(plus ? PLUS_POWERS : [])].map((power) => ({
          code: `CL${number}-${powerCode(power)}`,
          attributes: { power: powerText(power), ...common },
          price,
        }));
    return {
      category: 'contacts' as const,
      name: `${index % 2 ? '氧视' : '水澈'}${line} ${box}片装`,
      nameEn: `${lineEn} ${box}-pack`,
      brand: index % 2 ? '氧视' : '水澈',
      description: `${CYCLES[cycle]}隐形眼镜，每盒 ${box} 片，每只眼一盒。`,
      image: `contact-${number}.svg`,
      colour: ['#5ec4e8', '#3aa0c8', '#8fd3c1', '#f2a7c3'][index % 4],
      featured: index === 0,
      skus,
    };
  });
}

const CARE = [
  ['多功能护理液 360 毫升', 'Multi-purpose solution 360 ml', 4_900],
  ['多功能护理液 120 毫升旅行装', 'Multi-purpose solution 120 ml travel', 2_500],
  ['双氧水护理系统 300 毫升', 'Hydrogen peroxide system 300 ml', 8_900],
  ['镜片清洁喷雾 60 毫升', 'Lens cleaning spray 60 ml', 2_900],
  ['超细纤维眼镜布（3 片装）', 'Microfibre cloth (3 pack)', 1_900],
  ['皮纹硬质眼镜盒', 'Hard case, leather look', 3_900],
  ['润眼液 10 毫升', 'Lubricating eye drops 10 ml', 3_500],
  ['防雾湿巾（30 片）', 'Anti-fog wipes (30)', 2_900],
] as const;

function care(): DemoProduct[] {
  return CARE.map(([name, nameEn, price], index) => {
    const number = String(index + 1).padStart(2, '0');
    return {
      category: 'care' as const,
      name,
      nameEn,
      brand: '明眸护理',
      description: `${name}，让镜片和眼睛保持舒适。`,
      image: `care-${number}.svg`,
      colour: ['#7bc47f', '#4aa58a', '#e39b3d', '#6fb1d6'][index % 4],
      featured: index === 0,
      skus: [{ code: `CR${number}`, attributes: {}, price }],
    };
  });
}

const SERVICES = [
  ['全面验光', 'Comprehensive eye exam', 0, '电脑验光、综合验光、视力和双眼视功能检查，约 30 分钟。'],
  ['儿童近视复查', "Children's myopia check", 0, '验光和眼轴测量，建议每 3–6 个月一次。'],
  ['超声波清洗', 'Ultrasonic lens cleaning', 0, '清洗镜架和镜片，本店配镜免费。'],
  ['镜架调整与更换鼻托', 'Frame adjustment and nose pads', 1_000, '调整镜腿，更换鼻托。'],
  ['隐形眼镜验配', 'Contact lens fitting', 5_000, '角膜检查、试戴和佩戴指导。'],
  ['角膜塑形镜咨询', 'Ortho-K consultation', 20_000, '角膜地形图检查和角膜塑形镜试戴评估。'],
] as const;

function services(): DemoProduct[] {
  return SERVICES.map(([name, nameEn, price, description], index) => {
    const number = String(index + 1).padStart(2, '0');
    return {
      category: 'services' as const,
      name,
      nameEn,
      brand: '明眸眼镜',
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
  { code: 'AR-STANDARD', kind: 'coating', name: '减反射膜', nameEn: 'Anti-reflective coating', price: 0 },
  {
    code: 'AR-PREMIUM',
    kind: 'coating',
    name: '高端减反射防污膜',
    nameEn: 'Premium anti-reflective, smudge-resistant coating',
    price: 8_000,
  },
  {
    code: 'HARD-COAT',
    kind: 'coating',
    name: '耐磨加硬膜',
    nameEn: 'Scratch-resistant hard coat',
    price: 3_000,
  },
  { code: 'BLUE-CUT', kind: 'blue_cut', name: '防蓝光', nameEn: 'Blue-light filter', price: 12_000 },
  {
    code: 'PHOTO-GREY',
    kind: 'photochromic',
    name: '变色（灰）',
    nameEn: 'Photochromic, grey',
    price: 30_000,
  },
  {
    code: 'PHOTO-BROWN',
    kind: 'photochromic',
    name: '变色（茶）',
    nameEn: 'Photochromic, brown',
    price: 30_000,
  },
  {
    code: 'TINT-GREY',
    kind: 'tint',
    name: '灰色太阳镜染色 80%',
    nameEn: 'Sun tint, grey 80%',
    price: 10_000,
  },
  {
    code: 'TINT-GRADIENT',
    kind: 'tint',
    name: '渐变时尚染色',
    nameEn: 'Gradient fashion tint',
    price: 15_000,
  },
];

/** The demo catalog: 62 products across the five categories. */
export function demoCatalog(): DemoProduct[] {
  return [...frames(), ...lenses(), ...contacts(), ...care(), ...services()];
}
