import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiClient, type TransportRequest } from '@lensloop/shared';
import type { OpenApiDocument } from '../support/openapi';
import { CLIENT_OPERATIONS } from './client-operations';

// Bodies are checked by client-contract.check.ts; here only where a call goes matters.
const body = <T>() => ({}) as T;

/** One call of every mapped client method, with every query parameter it can send. */
const CALLS: Record<keyof typeof CLIENT_OPERATIONS, (api: ApiClient) => Promise<unknown>> = {
  wechatLogin: (api) => api.wechatLogin(body()),
  bindPhone: (api) => api.bindPhone(body()),
  staffLogin: (api) => api.staffLogin(body()),
  me: (api) => api.me(),
  getMembership: (api) => api.getMembership(),
  listPointsLedger: (api) => api.listPointsLedger({ page: 1, pageSize: 20 }),
  listStores: (api) => api.listStores({ lat: 31.2, lng: 121.5, page: 1, pageSize: 20 }),
  getStore: (api) => api.getStore(3),
  listProducts: (api) =>
    api.listProducts({ category: 'frames', q: 'ti', featured: true, page: 1, pageSize: 20 }),
  getProduct: (api) => api.getProduct(5, 3),
  listProfiles: (api) => api.listProfiles(),
  createProfile: (api) => api.createProfile(body()),
  listConsents: (api) => api.listConsents(),
  recordConsent: (api) => api.recordConsent(body()),
  listPrescriptions: (api) => api.listPrescriptions({ profileId: 2, page: 1, pageSize: 20 }),
  getPrescription: (api) => api.getPrescription(7),
  myopiaTrend: (api) => api.myopiaTrend(2),
  prescriptionAccessLog: (api) => api.prescriptionAccessLog({ page: 1, pageSize: 20 }),
  exportMyData: (api) => api.exportMyData(),
  deleteMe: (api) => api.deleteMe(),
  searchCustomers: (api) => api.searchCustomers({ q: '13800138000', page: 1, pageSize: 20 }),
  getCustomer: (api) => api.getCustomer(9),
  recordArrival: (api) => api.recordArrival(body()),
  myStaffQrCode: (api) => api.myStaffQrCode(),
  customerOwnership: (api) => api.customerOwnership(9),
  listStaffMembers: (api) => api.listStaffMembers({ storeId: 3 }),
  staffMemberCustomers: (api) => api.staffMemberCustomers(4, { page: 1, pageSize: 20 }),
  transferCustomers: (api) => api.transferCustomers(body()),
  addCustomerTag: (api) => api.addCustomerTag(9, 'KOC'),
  myCommunities: (api) => api.myCommunities(),
  removeCustomerTag: (api) => api.removeCustomerTag(9, 4),
  myCustomers: (api) => api.myCustomers({ tag: 'D类', segmentId: 2, page: 1, pageSize: 20 }),
  staffSegments: (api) => api.staffSegments(),
  leaderboard: (api) => api.leaderboard({ period: 'week', storeId: 3 }),
  latestPrescription: (api) => api.latestPrescription(9, { profileId: 2, reason: 'lens order' }),
  recordPrescription: (api) => api.recordPrescription(9, body()),
  auditLog: (api) => api.auditLog({ memberId: 9, page: 1, pageSize: 20 }),
  listLensOptions: (api) => api.listLensOptions(),
  getCart: (api) => api.getCart(3),
  addToCart: (api) => api.addToCart(body()),
  setCartQuantity: (api) => api.setCartQuantity(4, 2, 3),
  removeFromCart: (api) => api.removeFromCart(4, 3),
  quoteOrder: (api) => api.quoteOrder(body()),
  createOrder: (api) => api.createOrder(body(), 'key-00000001'),
  listOrders: (api) => api.listOrders({ status: 'paid', page: 1, pageSize: 20 }),
  getOrder: (api) => api.getOrder(11),
  payOrder: (api) => api.payOrder(11),
  cancelOrder: (api) => api.cancelOrder(11),
  listStaffOrders: (api) => api.listStaffOrders({ date: 'today', status: 'paid', page: 1, pageSize: 20 }),
  listCustomerOrders: (api) => api.listCustomerOrders(9, { status: 'paid', page: 1, pageSize: 20 }),
  transitionOrder: (api) => api.transitionOrder(11, body()),
  updateProfile: (api) => api.updateProfile(2, body()),
  listAppointmentSlots: (api) => api.listAppointmentSlots(3, { date: '2026-12-02', service: 'exam' }),
  bookAppointment: (api) => api.bookAppointment(body()),
  listMyAppointments: (api) => api.listMyAppointments({ page: 1, pageSize: 20 }),
  cancelAppointment: (api) => api.cancelAppointment(13),
  rescheduleAppointment: (api) => api.rescheduleAppointment(13, body()),
  listStaffAppointments: (api) =>
    api.listStaffAppointments({ date: 'today', storeId: 3, page: 1, pageSize: 20 }),
  markNoShow: (api) => api.markNoShow(13),
  myReferral: (api) => api.myReferral(),
  recordReferralScan: (api) => api.recordReferralScan(body()),
  listGroupBuys: (api) => api.listGroupBuys(),
  openGroup: (api) => api.openGroup(3, body()),
  joinGroup: (api) => api.joinGroup(4, body()),
  getGroup: (api) => api.getGroup(4),
  listMyGroups: (api) => api.listMyGroups(),
  listMyVouchers: (api) => api.listMyVouchers(),
  redeemVoucher: (api) => api.redeemVoucher(body()),
  listClaimableCoupons: (api) => api.listClaimableCoupons(),
  claimCoupon: (api) => api.claimCoupon(15),
  listMyCoupons: (api) => api.listMyCoupons({ status: 'available' }),
  couponRedemptionCode: (api) => api.couponRedemptionCode(16),
  redeemCoupon: (api) => api.redeemCoupon(body()),
  listWalletPlans: (api) => api.listWalletPlans({ orderAmount: 8_900 }),
  getMyWallet: (api) => api.getMyWallet(),
  listMyWalletLedger: (api) => api.listMyWalletLedger({ page: 1, pageSize: 20 }),
  startTopUp: (api) => api.startTopUp(body()),
  memberCode: (api) => api.memberCode(),
  quoteTradeIn: (api) => api.quoteTradeIn(body()),
  submitTradeIn: (api) => api.submitTradeIn(body()),
  listMyTradeIns: (api) => api.listMyTradeIns(),
  getMyTradeIn: (api) => api.getMyTradeIn(17),
  cancelTradeIn: (api) => api.cancelTradeIn(17),
  listStaffTradeIns: (api) => api.listStaffTradeIns({ status: 'submitted', page: 1, pageSize: 20 }),
  getStaffTradeIn: (api) => api.getStaffTradeIn(17),
  inspectTradeIn: (api) => api.inspectTradeIn(17, body()),
  rejectTradeIn: (api) => api.rejectTradeIn(17, body()),
  getInbox: (api) => api.getInbox({ page: 1, pageSize: 20 }),
  markInboxItemRead: (api) => api.markInboxItemRead(9),
  listSubscriptionTemplates: (api) => api.listSubscriptionTemplates(),
  subscribe: (api) => api.subscribe(body()),
  getReminderSettings: (api) => api.getReminderSettings(),
  updateReminderSettings: (api) => api.updateReminderSettings(body()),
  listStaffTasks: (api) => api.listStaffTasks({ status: 'due', page: 1, pageSize: 20 }),
  markStaffTaskDone: (api) => api.markStaffTaskDone(4),
  snoozeStaffTask: (api) => api.snoozeStaffTask(4, body()),
  getStaffTaskSummary: (api) => api.getStaffTaskSummary(),
};

type DocumentedOperation = { operationId: string; parameters?: { name: string; in: string }[] };

/** The documented operation a request reaches, by method and path template. */
function operationOf(document: OpenApiDocument, request: TransportRequest): DocumentedOperation | undefined {
  const path = `/api/v1${request.path.split('?')[0]}`;
  const template = Object.keys(document.paths).find((candidate) =>
    new RegExp(`^${candidate.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );
  return template
    ? (document.paths[template][request.method.toLowerCase()] as DocumentedOperation)
    : undefined;
}

describe('the shared ApiClient against docs/openapi.json', () => {
  let document: OpenApiDocument;
  beforeAll(async () => {
    // The served document; openapi-snapshot.spec.ts holds the two equal.
    document = JSON.parse(await readFile(join(__dirname, '../../docs/openapi.json'), 'utf8'));
  });

  it.each(Object.keys(CALLS) as (keyof typeof CALLS)[])(
    'should send %s to its documented operation with documented query parameters',
    async (method) => {
      const requests: TransportRequest[] = [];
      const api = new ApiClient(async (request) => {
        requests.push(request);
        return { status: 200, body: {} };
      });
      await CALLS[method](api);
      const operation = operationOf(document, requests[0]);
      const query = new URLSearchParams(requests[0].path.split('?')[1] ?? '');
      const documentedQuery = (operation?.parameters ?? []).filter((parameter) => parameter.in === 'query');
      expect({
        operationId: operation?.operationId,
        undocumentedQuery: [...query.keys()].filter(
          (name) => !documentedQuery.some((parameter) => parameter.name === name),
        ),
      }).toEqual({ operationId: CLIENT_OPERATIONS[method], undocumentedQuery: [] });
    },
  );
});
