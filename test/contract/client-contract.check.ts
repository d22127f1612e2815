/**
 * Type-level contract between the hand-written `ApiClient` (shared/) and the OpenAPI document the
 * server serves, through the types openapi-typescript generated from it. `pnpm -r run typecheck`
 * compiles this file: a route, a body field or a response field renamed or retyped on one side
 * only fails here, naming the client method. Nothing runs at runtime.
 */
import type { ApiClient } from '@lensloop/shared';
import type { ClientOperations } from './client-operations';
import type { operations } from './openapi.generated';

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
  updateProfile: Parameters<ApiClient['updateProfile']>[1];
  bookAppointment: Parameters<ApiClient['bookAppointment']>[0];
  rescheduleAppointment: Parameters<ApiClient['rescheduleAppointment']>[1];
  redeemCoupon: Parameters<ApiClient['redeemCoupon']>[0];
  quoteTradeIn: Parameters<ApiClient['quoteTradeIn']>[0];
  submitTradeIn: Parameters<ApiClient['submitTradeIn']>[0];
  inspectTradeIn: Parameters<ApiClient['inspectTradeIn']>[1];
  rejectTradeIn: Parameters<ApiClient['rejectTradeIn']>[1];
  addCustomerTag: { name: Parameters<ApiClient['addCustomerTag']>[1] };
  subscribe: Parameters<ApiClient['subscribe']>[0];
  updateReminderSettings: Parameters<ApiClient['updateReminderSettings']>[0];
  snoozeStaffTask: Parameters<ApiClient['snoozeStaffTask']>[1];
}

/** The query each client method sends (its query argument, or the store it prices at). */
interface ClientQueries {
  listStores: NonNullable<Parameters<ApiClient['listStores']>[0]>;
  listProducts: NonNullable<Parameters<ApiClient['listProducts']>[0]>;
  getProduct: { storeId?: Parameters<ApiClient['getProduct']>[1] };
  listPrescriptions: NonNullable<Parameters<ApiClient['listPrescriptions']>[0]>;
  prescriptionAccessLog: NonNullable<Parameters<ApiClient['prescriptionAccessLog']>[0]>;
  searchCustomers: Parameters<ApiClient['searchCustomers']>[0];
  latestPrescription: NonNullable<Parameters<ApiClient['latestPrescription']>[1]>;
  auditLog: NonNullable<Parameters<ApiClient['auditLog']>[0]>;
  getCart: { storeId?: Parameters<ApiClient['getCart']>[0] };
  setCartQuantity: { storeId?: Parameters<ApiClient['setCartQuantity']>[2] };
  removeFromCart: { storeId?: Parameters<ApiClient['removeFromCart']>[1] };
  listOrders: NonNullable<Parameters<ApiClient['listOrders']>[0]>;
  listStaffOrders: NonNullable<Parameters<ApiClient['listStaffOrders']>[0]>;
  listCustomerOrders: NonNullable<Parameters<ApiClient['listCustomerOrders']>[1]>;
  listAppointmentSlots: Parameters<ApiClient['listAppointmentSlots']>[1];
  listMyAppointments: NonNullable<Parameters<ApiClient['listMyAppointments']>[0]>;
  listStaffAppointments: NonNullable<Parameters<ApiClient['listStaffAppointments']>[0]>;
  listMyCoupons: NonNullable<Parameters<ApiClient['listMyCoupons']>[0]>;
  listStaffTradeIns: NonNullable<Parameters<ApiClient['listStaffTradeIns']>[0]>;
  myCustomers: NonNullable<Parameters<ApiClient['myCustomers']>[0]>;
  leaderboard: NonNullable<Parameters<ApiClient['leaderboard']>[0]>;
  getInbox: NonNullable<Parameters<ApiClient['getInbox']>[0]>;
  listStaffTasks: NonNullable<Parameters<ApiClient['listStaffTasks']>[0]>;
}

/**
 * The same type, by TypeScript's identity check: a field missing, renamed (optional ones too),
 * retyped or made optional on one side is a difference.
 */
type Same<A, B> =
  (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;

/** Intersections and interfaces as plain object types, so only the fields count, not how they were written. */
type Plain<T> = T extends (infer Item)[]
  ? Plain<Item>[]
  : T extends object
    ? { [Key in keyof T]: Plain<T[Key]> }
    : T;

type JsonOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
type SuccessOf<Operation> = Operation extends { responses: infer Responses }
  ? 204 extends keyof Responses
    ? void
    : JsonOf<Responses[Extract<keyof Responses, 200 | 201>]>
  : never;
type QueryOf<Operation> = Operation extends { parameters: { query?: infer Query } }
  ? NonNullable<Query>
  : never;
type BodyOf<Operation> = Operation extends { requestBody?: { content: { 'application/json': infer Body } } }
  ? Body
  : never;

/** What each client method receives. */
type ClientResponses = { [Method in keyof ClientOperations]: Awaited<ReturnType<ApiClient[Method]>> };

/** One part of the document's operation behind a client method. */
type DocumentPart<Method extends keyof ClientOperations, Part> = Part extends 'response'
  ? SuccessOf<operations[ClientOperations[Method]]>
  : Part extends 'body'
    ? BodyOf<operations[ClientOperations[Method]]>
    : QueryOf<operations[ClientOperations[Method]]>;

/** The client methods whose side of `Part` is not the document's. */
type Disagreeing<Client, Part extends 'response' | 'body' | 'query'> = {
  [Method in keyof Client & keyof ClientOperations]: Same<
    Client[Method],
    DocumentPart<Method, Part>
  > extends true
    ? never
    : Method;
}[keyof Client & keyof ClientOperations];

type ResponseDisagrees = Disagreeing<ClientResponses, 'response'>;
type BodyDisagrees = Disagreeing<ClientBodies, 'body'>;
type QueryDisagrees = Disagreeing<ClientQueries, 'query'>;
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
export const queriesAgree: [QueryDisagrees] extends [never]
  ? true
  : `client query disagrees: ${QueryDisagrees}` = true;
