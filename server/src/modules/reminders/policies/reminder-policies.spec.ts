import {
  addMonthsToDate,
  contactLensSupplyDays,
  defaultReminderRules,
  quietHoursRelease,
  reminderRulesProblems,
} from './reminder-rules.policy';
import { fitThing, invalidSubscribeFields } from '../../../infra/wechat/subscribe-message-fields';

describe('reminder rules', () => {
  it('should accept the defaults and refuse a transactional notice turned off or a bad interval', () => {
    expect(reminderRulesProblems(defaultReminderRules())).toEqual([]);
    const rules = defaultReminderRules();
    rules.rules = rules.rules.map((rule) =>
      rule.kind === 'order_ready'
        ? { ...rule, enabled: false }
        : rule.kind === 'lens_cleaning'
          ? { ...rule, intervalMonths: 5 }
          : rule,
    );
    expect(reminderRulesProblems(rules).map((problem) => problem.message)).toEqual([
      'lens cleaning is every 3, 6 or 12 months',
      'transactional notices cannot be turned off',
    ]);
  });

  it('should add calendar months clamping the day', () => {
    expect(addMonthsToDate('2026-06-01', 6)).toBe('2026-12-01');
    expect(addMonthsToDate('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsToDate('2026-12-15', 3)).toBe('2027-03-15');
  });

  it('should release quiet hours at 09:00 Shanghai and leave the day alone', () => {
    const quiet = defaultReminderRules().quietHours;
    // 22:30 Shanghai = 14:30 UTC → 09:00 Shanghai next day = 01:00 UTC.
    expect(quietHoursRelease(new Date('2026-12-01T14:30:00Z'), quiet).toISOString()).toBe(
      '2026-12-02T01:00:00.000Z',
    );
    // 03:00 Shanghai = 19:00 UTC the day before → 01:00 UTC.
    expect(quietHoursRelease(new Date('2026-12-01T19:00:00Z'), quiet).toISOString()).toBe(
      '2026-12-02T01:00:00.000Z',
    );
    const day = new Date('2026-12-01T02:00:00Z');
    expect(quietHoursRelease(day, quiet)).toBe(day);
    // 20:59 is before the window; 21:00 is inside.
    expect(quietHoursRelease(new Date('2026-12-01T12:59:00Z'), quiet).toISOString()).toBe(
      '2026-12-01T12:59:00.000Z',
    );
    expect(quietHoursRelease(new Date('2026-12-01T13:00:00Z'), quiet).toISOString()).toBe(
      '2026-12-02T01:00:00.000Z',
    );
  });

  it('should count contact-lens supply as lenses per eye times the wear cycle', () => {
    expect(contactLensSupplyDays([{ boxes: 2, lensesPerBox: 2, cycleDays: 30 }])).toBe(60);
    expect(
      contactLensSupplyDays([
        { boxes: 1, lensesPerBox: 30, cycleDays: 1 },
        { boxes: 1, lensesPerBox: 30, cycleDays: 1 },
      ]),
    ).toBe(30);
  });
});

describe('subscribe-message fields', () => {
  it('should hold WeChat’s limits', () => {
    expect(
      invalidSubscribeFields({
        thing1: '镜片清洁提醒',
        phrase2: '待取件',
        time3: '2026-12-01 10:00',
        character_string4: 'LL20261201',
      }),
    ).toEqual([]);
    expect(
      invalidSubscribeFields({
        thing1: '一二三四五六七八九十一二三四五六七八九十一',
        phrase2: '已经可以取件了',
        character_string3: 'x'.repeat(33),
        time4: 'tomorrow',
        foo5: 'x',
      }),
    ).toEqual(['thing1', 'phrase2', 'character_string3', 'time4', 'foo5']);
    expect([...fitThing('一二三四五六七八九十一二三四五六七八九十一')]).toHaveLength(20);
    expect(
      invalidSubscribeFields({ thing1: fitThing('一二三四五六七八九十一二三四五六七八九十一') }),
    ).toEqual([]);
  });
});
