import type { StaffRole } from '@lensloop/shared';

/** The demo chain, 明眸眼镜 (Mingmou Optical): a made-up name. */
export const DEMO_STORES = [
  {
    name: '明眸眼镜 南京东路店',
    nameEn: 'Mingmou Optical Nanjing Road',
    city: '上海',
    address: '黄浦区南京东路 300 号',
    lat: 31.2363,
    lng: 121.4803,
  },
  {
    name: '明眸眼镜 静安寺店',
    nameEn: "Mingmou Optical Jing'an Temple",
    city: '上海',
    address: '静安区南京西路 1618 号',
    lat: 31.2243,
    lng: 121.4459,
  },
  {
    name: '明眸眼镜 陆家嘴店',
    nameEn: 'Mingmou Optical Lujiazui',
    city: '上海',
    address: '浦东新区陆家嘴环路 168 号',
    lat: 31.2382,
    lng: 121.5017,
  },
  {
    name: '明眸眼镜 徐家汇店',
    nameEn: 'Mingmou Optical Xujiahui',
    city: '上海',
    address: '徐汇区虹桥路 1 号',
    lat: 31.1946,
    lng: 121.4365,
  },
  {
    name: '明眸眼镜 王府井店',
    nameEn: 'Mingmou Optical Wangfujing',
    city: '北京',
    address: '东城区王府井大街 138 号',
    lat: 39.9139,
    lng: 116.4105,
  },
  {
    name: '明眸眼镜 三里屯店',
    nameEn: 'Mingmou Optical Sanlitun',
    city: '北京',
    address: '朝阳区三里屯路 19 号',
    lat: 39.9334,
    lng: 116.4543,
  },
  {
    name: '明眸眼镜 中关村店',
    nameEn: 'Mingmou Optical Zhongguancun',
    city: '北京',
    address: '海淀区中关村大街 15 号',
    lat: 39.9835,
    lng: 116.3161,
  },
].map((store, index) => ({
  ...store,
  phone: `${store.city === '上海' ? '021' : '010'}-6${String(1000000 + index * 1357).slice(1)}`,
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

// Manager, optometrist and clerk of each store.
const STAFF_NAMES = [
  ['钱进', '李娜', '张伟'],
  ['刘洋', '陈静', '杨敏'],
  ['赵磊', '黄丽', '周强'],
  ['吴霞', '徐涛', '孙艳'],
  ['马骏', '胡梅', '郭辉'],
  ['何平', '林雨', '高峰'],
  ['罗斌', '郑红', '梁莹'],
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
  { username: 'admin', name: '总部管理员', role: 'admin', storeNumber: null },
];
