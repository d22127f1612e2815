import type { PurchaseClass, Quadrant } from './tags.types';

/**
 * Names of the automatic tags: segments, groups and the staff's customer filters refer to them by
 * name, so the server and the mini-program read them from here.
 */
export const AUTO_TAGS = {
  class: (purchaseClass: PurchaseClass) => `${purchaseClass}类`,
  quadrant: { core: '核心客户', lock_in: '锁客', promote: '待提升', recall: '沉睡待唤醒' } as Record<
    Quadrant,
    string
  >,
  childWearer: '儿童配镜',
  presbyopia: '老花',
  contactLens: '隐形眼镜用户',
  highMyopia: '高度近视',
  examOverdue: '复查逾期',
  channelPrefix: '来源:',
  storePrefix: '门店:',
  regionPrefix: '区域:',
} as const;
