import Taro from '@tarojs/taro';
import type { Inbox, ReminderKind, ReminderSettings, SubscriptionTemplate } from '@lensloop/shared';
import { callApi } from './request';

export const INBOX_PAGE_SIZE = 20;

export const getInbox = (page: number, pageSize = INBOX_PAGE_SIZE): Promise<Inbox> =>
  callApi((api) => api.getInbox({ page, pageSize }));
export const markInboxRead = (id: number) => callApi((api) => api.markInboxItemRead(id));
export const getReminderSettings = (): Promise<ReminderSettings> =>
  callApi((api) => api.getReminderSettings());
export const updateReminderSettings = (muted: ReminderKind[]): Promise<ReminderSettings> =>
  callApi((api) => api.updateReminderSettings({ muted }));
export const listSubscriptionTemplates = (): Promise<SubscriptionTemplate[]> =>
  callApi((api) => api.listSubscriptionTemplates());
export const recordSubscriptions = (templateKeys: string[]) =>
  callApi((api) => api.subscribe({ templateKeys }));

/** WeChat shows at most three templates in one subscribe dialog. */
export const MAX_TEMPLATES_PER_PROMPT = 3;

/**
 * WeChat's own subscribe dialog (weapp only; it must follow a tap): the keys of the templates the
 * member accepted. A template WeChat answers 'reject', 'ban' or 'filter' for is not granted.
 */
export async function requestWechatSubscriptions(templates: SubscriptionTemplate[]): Promise<string[]> {
  // Taro's typing also demands Alipay's `entityIds`; WeChat takes `tmplIds` alone.
  const option = { tmplIds: templates.map((template) => template.templateId) };
  // The promise rejects on failure, so an answer is the success result.
  const result = (await Taro.requestSubscribeMessage(
    option as Taro.requestSubscribeMessage.Option,
  )) as Taro.requestSubscribeMessage.SuccessCallbackResult;
  return templates
    .filter((template) => result[template.templateId] === 'accept')
    .map((template) => template.key);
}
