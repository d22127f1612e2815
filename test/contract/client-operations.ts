/**
 * The operation (its id: the controller method's name) behind each `ApiClient` method, for the
 * type-level check (client-contract.check.ts) and the route check (client-routes.spec.ts).
 * `devCompletePayment` drives the fake WeChat Pay in development and is left out of the document.
 */
export const CLIENT_OPERATIONS = {
  wechatLogin: 'loginWithWechat',
  bindPhone: 'bindPhone',
  staffLogin: 'loginStaff',
  me: 'getMe',
  listStores: 'listStores',
  getStore: 'getStore',
  listProducts: 'listProducts',
  getProduct: 'getProduct',
  listProfiles: 'listProfiles',
  createProfile: 'createProfile',
  listConsents: 'listConsents',
  recordConsent: 'recordConsent',
  listPrescriptions: 'listPrescriptions',
  getPrescription: 'getPrescription',
  myopiaTrend: 'getMyopiaTrend',
  prescriptionAccessLog: 'listMyAccessLog',
  exportMyData: 'exportMyData',
  deleteMe: 'deleteMe',
  searchCustomers: 'searchCustomers',
  getCustomer: 'getCustomer',
  latestPrescription: 'getLatestPrescription',
  recordPrescription: 'recordPrescription',
  auditLog: 'listAudit',
  listLensOptions: 'listLensOptions',
  getCart: 'getCart',
  addToCart: 'addCartItem',
  setCartQuantity: 'setCartQuantity',
  removeFromCart: 'removeCartItem',
  quoteOrder: 'quoteOrder',
  createOrder: 'createOrder',
  listOrders: 'listOrders',
  getOrder: 'getOrder',
  payOrder: 'payOrder',
  cancelOrder: 'cancelOrder',
  listStaffOrders: 'listStoreOrders',
  listCustomerOrders: 'listCustomerOrders',
  transitionOrder: 'transitionOrder',
} as const;

export type ClientOperations = typeof CLIENT_OPERATIONS;
