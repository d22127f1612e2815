import { zhCN } from '../../../i18n/zh-CN';

export default definePageConfig({
  navigationBarTitleText: zhCN['title.groupBuy'],
  // The share button (openType="share") sends the card from useShareAppMessage.
  enableShareAppMessage: true,
});
