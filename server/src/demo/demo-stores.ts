import type { StaffRole } from '@lensloop/shared';

export const DEMO_STORES = [
  {
    name: 'LensLoop Nanjing Road',
    city: 'Shanghai',
    address: '300 Nanjing East Road, Huangpu',
    lat: 31.2363,
    lng: 121.4803,
  },
  {
    name: "LensLoop Jing'an Temple",
    city: 'Shanghai',
    address: "1618 Nanjing West Road, Jing'an",
    lat: 31.2243,
    lng: 121.4459,
  },
  {
    name: 'LensLoop Lujiazui',
    city: 'Shanghai',
    address: '168 Lujiazui Ring Road, Pudong',
    lat: 31.2382,
    lng: 121.5017,
  },
  {
    name: 'LensLoop Xujiahui',
    city: 'Shanghai',
    address: '1 Hongqiao Road, Xuhui',
    lat: 31.1946,
    lng: 121.4365,
  },
  {
    name: 'LensLoop Wangfujing',
    city: 'Beijing',
    address: '138 Wangfujing Street, Dongcheng',
    lat: 39.9139,
    lng: 116.4105,
  },
  {
    name: 'LensLoop Sanlitun',
    city: 'Beijing',
    address: '19 Sanlitun Road, Chaoyang',
    lat: 39.9334,
    lng: 116.4543,
  },
  {
    name: 'LensLoop Zhongguancun',
    city: 'Beijing',
    address: '15 Zhongguancun Street, Haidian',
    lat: 39.9835,
    lng: 116.3161,
  },
].map((store, index) => ({
  ...store,
  phone: `${store.city === 'Shanghai' ? '021' : '010'}-6${String(1000000 + index * 1357).slice(1)}`,
  hours: '10:00-21:30',
}));

export const DEMO_STAFF_PASSWORD = 'lensloop-demo';

export interface DemoStaff {
  username: string;
  name: string;
  role: StaffRole;
  /** 1-based position in DEMO_STORES; null for HQ. */
  storeNumber: number | null;
}

const STAFF_NAMES = [
  ['Wang Fang', 'Li Na', 'Zhang Wei'],
  ['Liu Yang', 'Chen Jing', 'Yang Min'],
  ['Zhao Lei', 'Huang Li', 'Zhou Qiang'],
  ['Wu Xia', 'Xu Tao', 'Sun Yan'],
  ['Ma Jun', 'Hu Mei', 'Guo Hui'],
  ['He Ping', 'Lin Yu', 'Gao Feng'],
  ['Luo Bin', 'Zheng Hong', 'Liang Ying'],
];

/** A manager, an optometrist and a clerk in every store, and one HQ admin. */
export const DEMO_STAFF: DemoStaff[] = [
  ...DEMO_STORES.flatMap((_, index) => {
    const [manager, optometrist, clerk] = STAFF_NAMES[index];
    const storeNumber = index + 1;
    return [
      { username: `manager${storeNumber}`, name: manager, role: 'manager' as const, storeNumber },
      { username: `optometrist${storeNumber}`, name: optometrist, role: 'optometrist' as const, storeNumber },
      { username: `clerk${storeNumber}`, name: clerk, role: 'clerk' as const, storeNumber },
    ];
  }),
  { username: 'admin', name: 'HQ Admin', role: 'admin', storeNumber: null },
];
