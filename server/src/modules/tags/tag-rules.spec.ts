import {
  DEFAULT_TAG_RULES,
  deriveTags,
  isAutoTagName,
  sphericalEquivalent,
  type MemberFacts,
} from './tag-rules';

const NOW = new Date('2026-12-01T04:00:00Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

const base: MemberFacts = {
  channel: null,
  homeStoreName: null,
  region: null,
  purchases: 0,
  spend: 0,
  firstPurchaseAt: null,
  lastPurchaseAt: null,
  profiles: [],
};

describe('deriveTags', () => {
  it.each([
    [0, 0, 0, 'A', null],
    [1, 60_000, 10, 'B', 'promote'],
    [2, 120_000, 10, 'C', 'lock_in'],
    [3, 400_000, 400, 'D', 'core'],
    [5, 90_000, 400, 'D', 'recall'],
  ])(
    'should class %i purchases (%i fen, first %i days ago) as %s / %s',
    (purchases, spend, days, cls, quadrant) => {
      const derived = deriveTags(
        {
          ...base,
          purchases,
          spend,
          firstPurchaseAt: purchases ? daysBefore(days) : null,
          lastPurchaseAt: purchases ? daysBefore(1) : null,
        },
        DEFAULT_TAG_RULES,
        NOW,
      );
      expect([derived.purchaseClass, derived.quadrant]).toEqual([cls, quadrant]);
    },
  );

  it('should say why, dates in Asia/Shanghai', () => {
    const derived = deriveTags(
      {
        ...base,
        purchases: 4,
        spend: 100_000,
        firstPurchaseAt: daysBefore(30),
        lastPurchaseAt: new Date('2026-10-01T17:00:00Z'),
      },
      DEFAULT_TAG_RULES,
      NOW,
    );
    expect(derived.tags[0]).toEqual({ name: 'D类', reason: 'D类：4 次购买，最近 2026-10-02' });
  });

  it('should tag life stages from the profiles, and nothing without them', () => {
    const derived = deriveTags(
      {
        ...base,
        channel: 'group_buy',
        homeStoreName: '南京东路店',
        region: '上海',
        profiles: [
          {
            relation: 'self',
            lastExamDate: '2025-11-01',
            expiresAt: '2026-11-01',
            maxAdd: 225,
            contactLens: true,
            minSe: -600,
          },
          {
            relation: 'child',
            lastExamDate: '2026-10-01',
            expiresAt: '2027-04-01',
            maxAdd: null,
            contactLens: false,
            minSe: -150,
          },
        ],
      },
      DEFAULT_TAG_RULES,
      NOW,
    );
    expect(derived.tags.map((tag) => tag.name)).toEqual([
      'A类',
      '儿童配镜',
      '老花',
      '隐形眼镜用户',
      '高度近视',
      '复查逾期',
      '来源:拼团',
      '门店:南京东路店',
      '区域:上海',
    ]);
    expect(derived.tags.find((tag) => tag.name === '老花')?.reason).toBe('老花：ADD +2.25 在档');
    expect(deriveTags(base, DEFAULT_TAG_RULES, NOW).tags.map((tag) => tag.name)).toEqual(['A类']);
  });

  it('should not call SE −5.88 high myopia', () => {
    expect(sphericalEquivalent({ sphere: -575, cylinder: -25 })).toBeGreaterThan(-600);
    expect(sphericalEquivalent({ sphere: -575, cylinder: -50 })).toBe(-600);
  });
});

describe('isAutoTagName', () => {
  it.each([
    ['D类', true],
    ['来源:门店', true],
    ['门店:', false],
    ['KOC', false],
  ])('%s → %s', (name, expected) => {
    expect(isAutoTagName(name)).toBe(expected);
  });
});
