import type {
  Appointment,
  AppointmentSlot,
  AppointmentSlotQuery,
  BookAppointmentRequest,
  RescheduleAppointmentRequest,
  StaffAppointment,
  StaffAppointmentQuery,
} from './appointments';
import type {
  ClaimableCoupon,
  Coupon,
  CouponRedemptionCode,
  MyCouponsQuery,
  RedeemCouponRequest,
  RedeemedCoupon,
} from './coupons';
import type {
  ArrivalRequest,
  ArrivalResult,
  CustomerOwnership,
  StaffListQuery,
  StaffMemberSummary,
  StaffQrCode,
  TransferRequest,
  TransferResult,
} from './customers';
import type { ErrorBody, ErrorCode } from './errors';
import type {
  CustomerTag,
  Leaderboard,
  MyCustomer,
  MyCommunity,
  MyCustomersQuery,
  SegmentSummary,
} from './tags/tags.types';
import type { MemberCode } from './membership';
import type {
  InspectTradeInRequest,
  RejectTradeInRequest,
  StaffTradeIn,
  TradeIn,
  TradeInQuote,
  TradeInQuoteRequest,
  TradeInRequest,
  TradeInStatus,
} from './trade-ins';
import type { Membership, PointsLedgerEntry, PointsLedgerQuery } from './membership/membership.types';
import type {
  AuditEntry,
  AuditQuery,
  Consent,
  ConsentRequest,
  CreateProfileRequest,
  UpdateProfileRequest,
  CustomerCard,
  CustomerSearchQuery,
  CustomerSummary,
  FamilyProfile,
  LatestPrescriptionQuery,
  Member,
  MemberExport,
  MyopiaTrend,
  Prescription,
  PrescriptionDetail,
  PrescriptionQuery,
  RecordPrescriptionRequest,
  Page,
  PageQuery,
  ProductDetail,
  ProductQuery,
  ProductSummary,
  StaffLoginRequest,
  StaffLoginResponse,
  Store,
  StoreQuery,
  WechatLoginRequest,
  WechatLoginResponse,
  WechatPhoneRequest,
} from './api-types';
import type {
  Cart,
  CartItemInput,
  LensOption,
  Order,
  OrderQuery,
  OrderRequest,
  OrderSummary,
  PayOrderResponse,
  Quote,
  StaffOrderQuery,
  TransitionRequest,
} from './orders/order.types';
import type { MyReferral, ReferralScanRequest } from './referrals/referral.types';
import type {
  Inbox,
  InboxItem,
  ReminderSettings,
  ReminderSettingsUpdate,
  SubscribeRequest,
  SubscriptionBalance,
  SubscriptionTemplate,
} from './reminders/reminder.types';
import type {
  SnoozeStaffTaskRequest,
  StaffTask,
  StaffTaskQuery,
  StaffTaskSummary,
} from './staff-tasks/staff-task.types';
import type {
  GroupBuyCampaign,
  GroupBuyGroup,
  GroupJoinResult,
  JoinGroupRequest,
  MyGroup,
  RedeemedVoucher,
  RedeemVoucherRequest,
  ServiceVoucher,
} from './group-buys/group-buy.types';
import type {
  TopUpRequest,
  TopUpStarted,
  WalletBalance,
  WalletLedgerEntry,
  WalletPlan,
} from './wallet/wallet.types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Path under `/api/v1`, with the query string already appended. */
  path: string;
  body?: unknown;
  headers: Record<string, string>;
}

export interface TransportResponse {
  status: number;
  body: unknown;
}

/** Sends one HTTP request; `Taro.request` in the mini-program, `fetch` elsewhere. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** A failed API call, carrying the server's stable error `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK_ERROR',
    message: string,
    readonly details: ErrorBody['details'] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function queryString(query: object): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && 'code' in body && 'message' in body;
}

/** The typed LensLoop API client over a pluggable transport. */
export class ApiClient {
  constructor(
    private readonly transport: Transport,
    private readonly getToken: () => string | null = () => null,
  ) {}

  async request<T>(
    method: HttpMethod,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const token = this.getToken();
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
    if (token) headers.authorization = `Bearer ${token}`;
    let response: TransportResponse;
    try {
      // Body-less calls still carry the JSON content type (wx.request always sends it); the server
      // ignores that header on a request without a body.
      response = await this.transport({ method, path, body, headers });
    } catch (error) {
      throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : 'Network error');
    }
    if (response.status >= 200 && response.status < 300) return response.body as T;
    if (isErrorBody(response.body)) {
      throw new ApiError(response.status, response.body.code, response.body.message, response.body.details);
    }
    throw new ApiError(response.status, 'INTERNAL_ERROR', `HTTP ${response.status}`);
  }

  wechatLogin(body: WechatLoginRequest): Promise<WechatLoginResponse> {
    return this.request('POST', '/auth/wechat/login', body);
  }

  bindPhone(body: WechatPhoneRequest): Promise<{ member: Member }> {
    return this.request('POST', '/auth/wechat/phone', body);
  }

  staffLogin(body: StaffLoginRequest): Promise<StaffLoginResponse> {
    return this.request('POST', '/auth/staff/login', body);
  }

  me(): Promise<Member> {
    return this.request('GET', '/me');
  }

  /** The member centre: tier, 12-month spend, the next tier, points and what expires next. */
  getMembership(): Promise<Membership> {
    return this.request('GET', '/me/membership');
  }

  /** The points ledger, newest first. */
  listPointsLedger(query: PointsLedgerQuery = {}): Promise<Page<PointsLedgerEntry>> {
    return this.request('GET', `/me/points/ledger${queryString(query)}`);
  }

  /** The in-app notices, newest first, with the unread count. */
  getInbox(query: PageQuery = {}): Promise<Inbox> {
    return this.request('GET', `/me/inbox${queryString(query)}`);
  }

  markInboxItemRead(id: number): Promise<InboxItem> {
    return this.request('POST', `/me/inbox/${id}/read`);
  }

  listSubscriptionTemplates(): Promise<SubscriptionTemplate[]> {
    return this.request('GET', '/subscription-templates');
  }

  /** Records the one-time grants the member accepted in WeChat's subscribe dialog. */
  subscribe(body: SubscribeRequest): Promise<SubscriptionBalance[]> {
    return this.request('POST', '/me/subscriptions', body);
  }

  getReminderSettings(): Promise<ReminderSettings> {
    return this.request('GET', '/me/reminder-settings');
  }

  updateReminderSettings(body: ReminderSettingsUpdate): Promise<ReminderSettings> {
    return this.request('PUT', '/me/reminder-settings', body);
  }

  listStaffTasks(query: StaffTaskQuery = {}): Promise<Page<StaffTask>> {
    return this.request('GET', `/staff/tasks${queryString(query)}`);
  }

  markStaffTaskDone(id: number): Promise<StaffTask> {
    return this.request('POST', `/staff/tasks/${id}/done`);
  }

  snoozeStaffTask(id: number, body: SnoozeStaffTaskRequest): Promise<StaffTask> {
    return this.request('POST', `/staff/tasks/${id}/snooze`, body);
  }

  /** The manager's view: undone tasks per staff member of the store. */
  getStaffTaskSummary(): Promise<StaffTaskSummary> {
    return this.request('GET', '/staff/tasks/summary');
  }

  listStores(query: StoreQuery = {}): Promise<Page<Store>> {
    return this.request('GET', `/stores${queryString(query)}`);
  }

  getStore(id: number): Promise<Store> {
    return this.request('GET', `/stores/${id}`);
  }

  listProducts(query: ProductQuery = {}): Promise<Page<ProductSummary>> {
    return this.request('GET', `/products${queryString(query)}`);
  }

  getProduct(id: number, storeId?: number): Promise<ProductDetail> {
    return this.request('GET', `/products/${id}${queryString({ storeId })}`);
  }

  listProfiles(): Promise<FamilyProfile[]> {
    return this.request('GET', '/me/profiles');
  }

  createProfile(body: CreateProfileRequest): Promise<FamilyProfile> {
    return this.request('POST', '/me/profiles', body);
  }

  listConsents(): Promise<Consent[]> {
    return this.request('GET', '/me/consents');
  }

  recordConsent(body: ConsentRequest): Promise<Consent> {
    return this.request('POST', '/me/consents', body);
  }

  listPrescriptions(query: PrescriptionQuery = {}): Promise<Page<Prescription>> {
    return this.request('GET', `/me/prescriptions${queryString(query)}`);
  }

  getPrescription(id: number): Promise<PrescriptionDetail> {
    return this.request('GET', `/me/prescriptions/${id}`);
  }

  myopiaTrend(profileId: number): Promise<MyopiaTrend> {
    return this.request('GET', `/me/profiles/${profileId}/myopia-trend`);
  }

  prescriptionAccessLog(query: PageQuery = {}): Promise<Page<AuditEntry>> {
    return this.request('GET', `/me/prescriptions/access-log${queryString(query)}`);
  }

  exportMyData(): Promise<MemberExport> {
    return this.request('GET', '/me/export');
  }

  deleteMe(): Promise<void> {
    return this.request('DELETE', '/me');
  }

  searchCustomers(query: CustomerSearchQuery): Promise<Page<CustomerSummary>> {
    return this.request('GET', `/staff/customers${queryString(query)}`);
  }

  getCustomer(memberId: number): Promise<CustomerCard> {
    return this.request('GET', `/staff/customers/${memberId}`);
  }

  addCustomerTag(memberId: number, name: string): Promise<CustomerTag> {
    return this.request('POST', `/staff/customers/${memberId}/tags`, { name });
  }

  removeCustomerTag(memberId: number, tagId: number): Promise<void> {
    return this.request('DELETE', `/staff/customers/${memberId}/tags/${tagId}`);
  }

  /** The WeChat groups (社群) that fit the signed-in member, and whether they joined each. */
  myCommunities(): Promise<MyCommunity[]> {
    return this.request('GET', '/me/communities');
  }

  myCustomers(query: MyCustomersQuery = {}): Promise<Page<MyCustomer>> {
    return this.request('GET', `/staff/me/customers${queryString(query)}`);
  }

  staffSegments(): Promise<SegmentSummary[]> {
    return this.request('GET', '/staff/segments');
  }

  leaderboard(query: { period?: 'week' | 'month'; storeId?: number } = {}): Promise<Leaderboard> {
    return this.request('GET', `/staff/leaderboard${queryString(query)}`);
  }

  /** The customer opened the mini-program through a staff, store, regional or counter code. */
  recordArrival(body: ArrivalRequest): Promise<ArrivalResult> {
    return this.request('POST', '/me/arrivals', body);
  }

  myStaffQrCode(): Promise<StaffQrCode> {
    return this.request('GET', '/staff/me/qrcode');
  }

  customerOwnership(memberId: number): Promise<CustomerOwnership> {
    return this.request('GET', `/staff/customers/${memberId}/owner`);
  }

  listStaffMembers(query: StaffListQuery = {}): Promise<StaffMemberSummary[]> {
    return this.request('GET', `/admin/staff${queryString(query)}`);
  }

  staffMemberCustomers(staffId: number, query: PageQuery = {}): Promise<Page<CustomerSummary>> {
    return this.request('GET', `/admin/staff/${staffId}/customers${queryString(query)}`);
  }

  transferCustomers(body: TransferRequest): Promise<TransferResult> {
    return this.request('POST', '/admin/transfers', body);
  }

  latestPrescription(memberId: number, query: LatestPrescriptionQuery = {}): Promise<Prescription> {
    return this.request('GET', `/staff/customers/${memberId}/prescriptions/latest${queryString(query)}`);
  }

  recordPrescription(memberId: number, body: RecordPrescriptionRequest): Promise<Prescription> {
    return this.request('POST', `/staff/customers/${memberId}/prescriptions`, body);
  }

  auditLog(query: AuditQuery = {}): Promise<Page<AuditEntry>> {
    return this.request('GET', `/admin/audit${queryString(query)}`);
  }

  listLensOptions(): Promise<LensOption[]> {
    return this.request('GET', '/lens-options');
  }

  getCart(storeId?: number): Promise<Cart> {
    return this.request('GET', `/cart${queryString({ storeId })}`);
  }

  addToCart(body: CartItemInput): Promise<Cart> {
    return this.request('POST', '/cart/items', body);
  }

  setCartQuantity(itemId: number, quantity: number, storeId?: number): Promise<Cart> {
    return this.request('PATCH', `/cart/items/${itemId}${queryString({ storeId })}`, { quantity });
  }

  removeFromCart(itemId: number, storeId?: number): Promise<Cart> {
    return this.request('DELETE', `/cart/items/${itemId}${queryString({ storeId })}`);
  }

  quoteOrder(body: OrderRequest): Promise<Quote> {
    return this.request('POST', '/orders/quote', body);
  }

  /** `idempotencyKey` makes a retried submit return the first order instead of a second one. */
  createOrder(body: OrderRequest, idempotencyKey: string): Promise<Order> {
    return this.request('POST', '/orders', body, { 'idempotency-key': idempotencyKey });
  }

  listOrders(query: OrderQuery = {}): Promise<Page<OrderSummary>> {
    return this.request('GET', `/orders${queryString(query)}`);
  }

  getOrder(id: number): Promise<Order> {
    return this.request('GET', `/orders/${id}`);
  }

  payOrder(id: number): Promise<PayOrderResponse> {
    return this.request('POST', `/orders/${id}/pay`);
  }

  cancelOrder(id: number): Promise<Order> {
    return this.request('POST', `/orders/${id}/cancel`);
  }

  /** Development only: the fake WeChat Pay completes the payment with a real notification. */
  devCompletePayment(orderId: number): Promise<Order> {
    return this.request('POST', `/dev/payments/${orderId}/succeed`);
  }

  listStaffOrders(query: StaffOrderQuery = {}): Promise<Page<OrderSummary>> {
    return this.request('GET', `/staff/orders${queryString(query)}`);
  }

  /** A customer's orders, newest first, for the staff desk's customer card. */
  listCustomerOrders(memberId: number, query: OrderQuery = {}): Promise<Page<OrderSummary>> {
    return this.request('GET', `/staff/customers/${memberId}/orders${queryString(query)}`);
  }

  transitionOrder(id: number, body: TransitionRequest): Promise<Order> {
    return this.request('POST', `/staff/orders/${id}/transition`, body);
  }

  updateProfile(id: number, body: UpdateProfileRequest): Promise<FamilyProfile> {
    return this.request('PATCH', `/me/profiles/${id}`, body);
  }

  listAppointmentSlots(storeId: number, query: AppointmentSlotQuery): Promise<AppointmentSlot[]> {
    return this.request('GET', `/stores/${storeId}/appointment-slots${queryString(query)}`);
  }

  bookAppointment(body: BookAppointmentRequest): Promise<Appointment> {
    return this.request('POST', '/appointments', body);
  }

  listMyAppointments(query: PageQuery = {}): Promise<Page<Appointment>> {
    return this.request('GET', `/me/appointments${queryString(query)}`);
  }

  cancelAppointment(id: number): Promise<Appointment> {
    return this.request('POST', `/appointments/${id}/cancel`);
  }

  rescheduleAppointment(id: number, body: RescheduleAppointmentRequest): Promise<Appointment> {
    return this.request('POST', `/appointments/${id}/reschedule`, body);
  }

  listStaffAppointments(query: StaffAppointmentQuery = {}): Promise<Page<StaffAppointment>> {
    return this.request('GET', `/staff/appointments${queryString(query)}`);
  }

  markNoShow(id: number): Promise<StaffAppointment> {
    return this.request('POST', `/staff/appointments/${id}/no-show`);
  }

  myReferral(): Promise<MyReferral> {
    return this.request('GET', '/me/referral');
  }

  /** The mini-program was opened through a referral code (counted for the funnel). */
  recordReferralScan(body: ReferralScanRequest): Promise<void> {
    return this.request('POST', '/referral-scans', body);
  }

  listGroupBuys(): Promise<GroupBuyCampaign[]> {
    return this.request('GET', '/group-buys');
  }

  openGroup(campaignId: number, body: JoinGroupRequest): Promise<GroupJoinResult> {
    return this.request('POST', `/group-buys/${campaignId}/groups`, body);
  }

  joinGroup(groupId: number, body: JoinGroupRequest): Promise<GroupJoinResult> {
    return this.request('POST', `/groups/${groupId}/join`, body);
  }

  getGroup(groupId: number): Promise<GroupBuyGroup> {
    return this.request('GET', `/groups/${groupId}`);
  }

  listMyGroups(): Promise<MyGroup[]> {
    return this.request('GET', '/me/groups');
  }

  listMyVouchers(): Promise<ServiceVoucher[]> {
    return this.request('GET', '/me/vouchers');
  }

  redeemVoucher(body: RedeemVoucherRequest): Promise<RedeemedVoucher> {
    return this.request('POST', '/staff/vouchers/redeem', body);
  }

  listWalletPlans(query: { orderAmount?: number } = {}): Promise<WalletPlan[]> {
    return this.request('GET', `/wallet/plans${queryString(query)}`);
  }

  getMyWallet(): Promise<WalletBalance> {
    return this.request('GET', '/me/wallet');
  }

  listMyWalletLedger(query: PageQuery = {}): Promise<Page<WalletLedgerEntry>> {
    return this.request('GET', `/me/wallet/ledger${queryString(query)}`);
  }

  startTopUp(body: TopUpRequest): Promise<TopUpStarted> {
    return this.request('POST', '/me/wallet/top-ups', body);
  }

  listClaimableCoupons(): Promise<ClaimableCoupon[]> {
    return this.request('GET', '/coupons/claimable');
  }

  claimCoupon(templateId: number): Promise<Coupon> {
    return this.request('POST', `/coupons/${templateId}/claim`);
  }

  listMyCoupons(query: MyCouponsQuery = {}): Promise<Coupon[]> {
    return this.request('GET', `/me/coupons${queryString(query)}`);
  }

  couponRedemptionCode(id: number): Promise<CouponRedemptionCode> {
    return this.request('GET', `/me/coupons/${id}/code`);
  }

  redeemCoupon(body: RedeemCouponRequest): Promise<RedeemedCoupon> {
    return this.request('POST', '/staff/coupons/redeem', body);
  }

  memberCode(): Promise<MemberCode> {
    return this.request('GET', '/me/member-code');
  }

  quoteTradeIn(body: TradeInQuoteRequest): Promise<TradeInQuote> {
    return this.request('POST', '/trade-ins/quote', body);
  }

  submitTradeIn(body: TradeInRequest): Promise<TradeIn> {
    return this.request('POST', '/trade-ins', body);
  }

  listMyTradeIns(): Promise<TradeIn[]> {
    return this.request('GET', '/me/trade-ins');
  }

  getMyTradeIn(id: number): Promise<TradeIn> {
    return this.request('GET', `/me/trade-ins/${id}`);
  }

  cancelTradeIn(id: number): Promise<TradeIn> {
    return this.request('POST', `/trade-ins/${id}/cancel`);
  }

  listStaffTradeIns(query: StaffTradeInQuery = {}): Promise<Page<StaffTradeIn>> {
    return this.request('GET', `/staff/trade-ins${queryString(query)}`);
  }

  getStaffTradeIn(id: number): Promise<StaffTradeIn> {
    return this.request('GET', `/staff/trade-ins/${id}`);
  }

  inspectTradeIn(id: number, body: InspectTradeInRequest): Promise<StaffTradeIn> {
    return this.request('POST', `/staff/trade-ins/${id}/inspect`, body);
  }

  rejectTradeIn(id: number, body: RejectTradeInRequest): Promise<StaffTradeIn> {
    return this.request('POST', `/staff/trade-ins/${id}/reject`, body);
  }
}

/** `GET /staff/trade-ins` query. */
export interface StaffTradeInQuery extends PageQuery {
  status?: TradeInStatus;
}
