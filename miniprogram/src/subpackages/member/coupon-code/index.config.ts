import { zhCN } from '../../../i18n/zh-CN';

// Bright screen for the counter scanner.
export default definePageConfig({ navigationBarTitleText: zhCN['title.couponCode'] });
