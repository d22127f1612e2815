/**
 * Type-level contract between the hand-written `ApiClient` (shared/) and the OpenAPI document the
 * server serves, through the types openapi-typescript generated from it. `pnpm -r run typecheck`
 * compiles this file: a route, a body field or a response field renamed or retyped on one side
 * only fails here, naming the client method. Nothing runs at runtime.
 */
import type { ApiClient } from '@lensloop/shared';
import type { operations } from './openapi.generated';

/** The operation (its id: the controller method's name) behind each client method. */
interface ClientOperations {
  wechatLogin: 'loginWithWechat';
  bindPhone: 'bindPhone';
  staffLogin: 'loginStaff';
  me: 'getMe';
  listStores: 'listStores';
  getStore: 'getStore';
  listProducts: 'listProducts';
  getProduct: 'getProduct';
  listProfiles: 'listProfiles';
  createProfile: 'createProfile';
  listConsents: 'listConsents';
  recordConsent: 'recordConsent';
  listPrescriptions: 'listPrescriptions';
  getPrescription: 'getPrescription';
  myopiaTrend: 'getMyopiaTrend';
  prescriptionAccessLog: 'listMyAccessLog';
  exportMyData: 'exportMyData';
  deleteMe: 'deleteMe';
  searchCustomers: 'searchCustomers';
  getCustomer: 'getCustomer';
  latestPrescription: 'getLatestPrescription';
  recordPrescription: 'recordPrescription';
  auditLog: 'listAudit';
  listLensOptions: 'listLensOptions';
  getCart: 'getCart';
  addToCart: 'addCartItem';
  setCartQuantity: 'setCartQuantity';
  removeFromCart: 'removeCartItem';
  quoteOrder: 'quoteOrder';
  createOrder: 'createOrder';
  listOrders: 'listOrders';
  getOrder: 'getOrder';
  payOrder: 'payOrder';
  cancelOrder: 'cancelOrder';
  listStaffOrders: 'listStoreOrders';
  listCustomerOrders: 'listCustomerOrders';
  transitionOrder: 'transitionOrder';
}

/** The JSON body each client method sends, by its position in the method's arguments. */
interface ClientBodies {
  wechatLogin: Parameters<ApiClient['wechatLogin']>[0];
  bindPhone: Parameters<ApiClient['bindPhone']>[0];
  staffLogin: Parameters<ApiClient['staffLogin']>[0];
  createProfile: Parameters<ApiClient['createProfile']>[0];
  recordConsent: Parameters<ApiClient['recordConsent']>[0];
  recordPrescription: Parameters<ApiClient['recordPrescription']>[1];
  addToCart: Parameters<ApiClient['addToCart']>[0];
  setCartQuantity: { quantity: Parameters<ApiClient['setCartQuantity']>[1] };
  quoteOrder: Parameters<ApiClient['quoteOrder']>[0];
  createOrder: Parameters<ApiClient['createOrder']>[0];
  transitionOrder: Parameters<ApiClient['transitionOrder']>[1];
}

/** Assignable both ways: a field missing, renamed, retyped or made optional on one side is a difference. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type JsonOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
type SuccessOf<Operation> = Operation extends { responses: infer Responses }
  ? 204 extends keyof Responses
    ? void
    : JsonOf<Responses[Extract<keyof Responses, 200 | 201>]>
  : never;
type BodyOf<Operation> = Operation extends { requestBody?: { content: { 'application/json': infer Body } } }
  ? Body
  : never;

type ResponseDisagrees = {
  [Method in keyof ClientOperations]: Same<
    Awaited<ReturnType<ApiClient[Method]>>,
    SuccessOf<operations[ClientOperations[Method]]>
  > extends true
    ? never
    : Method;
}[keyof ClientOperations];

type BodyDisagrees = {
  [Method in keyof ClientBodies]: Same<
    ClientBodies[Method],
    BodyOf<operations[ClientOperations[Method]]>
  > extends true
    ? never
    : Method;
}[keyof ClientBodies];

// `devCompletePayment` drives the fake WeChat Pay in development; it is left out of the document.
type Unmapped = Exclude<keyof ApiClient, keyof ClientOperations | 'request' | 'devCompletePayment'>;

// Each constant below only compiles when its list is empty; otherwise the error names the methods.
export const everyClientMethodIsMapped: [Unmapped] extends [never]
  ? true
  : `client method not mapped: ${Unmapped}` = true;
export const responsesAgree: [ResponseDisagrees] extends [never]
  ? true
  : `client method disagrees: ${ResponseDisagrees}` = true;
export const bodiesAgree: [BodyDisagrees] extends [never] ? true : `client body disagrees: ${BodyDisagrees}` =
  true;
