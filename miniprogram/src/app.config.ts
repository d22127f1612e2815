import { zhCN } from './i18n/zh-CN';

// Evaluated at build time: the static texts come from the default (Chinese) message table, and
// app.tsx re-labels the tab bar at run time when the language is English.
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/products/index',
    'pages/me/index',
    'pages/product/index',
    'pages/login/index',
  ],
  // Every feature outside the tab pages, product and login starts in a subpackage: WeChat caps the
  // main package at 2 MB.
  subPackages: [
    {
      root: 'subpackages/shopping',
      pages: ['cart/index', 'checkout/index', 'orders/index', 'order/index'],
    },
    {
      root: 'subpackages/wallet',
      pages: ['top-up/index'],
    },
    {
      root: 'subpackages/eyecare',
      pages: ['fitting/index', 'access-log/index'],
    },
    {
      root: 'subpackages/membership',
      pages: ['centre/index', 'points/index'],
    },
    {
      root: 'subpackages/referral',
      pages: ['invite/index'],
    },
    {
      // Care reminders: the inbox and which reminders to receive.
      root: 'subpackages/care',
      pages: ['inbox/index', 'settings/index'],
    },
    {
      root: 'subpackages/groupbuy',
      pages: ['list/index', 'detail/index', 'mine/index', 'vouchers/index'],
    },
    {
      // Staff pages: role-specific, kept out of the 2 MB main package.
      root: 'subpackages/staff',
      pages: [
        'login/index',
        'customers/index',
        'customer/index',
        'record/index',
        'orders/index',
        'appointments/index',
        'redeem/index',
        'trade-ins/index',
        'trade-in/index',
        'my-customers/index',
        'leaderboard/index',
        'qrcode/index',
        'transfer/index',
        'tasks/index',
        'task-summary/index',
      ],
    },
    {
      // Member growth: coupons, claim centre, trade-in.
      root: 'subpackages/member',
      pages: [
        'coupons/index',
        'claim/index',
        'coupon-code/index',
        'trade-in/index',
        'trade-ins/index',
        'trade-in-detail/index',
        'communities/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: zhCN['app.name'],
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#5f6368',
    selectedColor: '#1a5fd0',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: zhCN['tab.home'],
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/products/index',
        text: zhCN['tab.products'],
        iconPath: 'assets/tabbar/products.png',
        selectedIconPath: 'assets/tabbar/products-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: zhCN['tab.me'],
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  permission: {
    'scope.userLocation': { desc: zhCN['home.nearestStore'] },
  },
  requiredPrivateInfos: ['getLocation'],
});
