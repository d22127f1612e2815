import { AppointmentsErrorCode } from './appointments/errors';
import { AuthErrorCode } from './auth/errors';
import { CartErrorCode } from './cart/errors';
import { CatalogErrorCode } from './catalog/errors';
import { CommonErrorCode } from './common/errors';
import { CouponsErrorCode } from './coupons/errors';
import { CustomersErrorCode } from './customers/errors';
import { MembersErrorCode } from './members/errors';
import { MembershipErrorCode } from './membership/errors';
import { OrdersErrorCode } from './orders/errors';
import { PaymentsErrorCode } from './payments/errors';
import { PlatformErrorCode } from './platform/errors';
import { PrescriptionsErrorCode } from './prescriptions/errors';
import { ReferralsErrorCode } from './referrals/errors';
import { RemindersErrorCode } from './reminders/errors';
import { StaffTasksErrorCode } from './staff-tasks/errors';
import { StoresErrorCode } from './stores/errors';
import { TagsErrorCode } from './tags/errors';
import { TradeInsErrorCode } from './trade-ins/errors';
import { WalletErrorCode } from './wallet/errors';

export {
  AppointmentsErrorCode,
  AuthErrorCode,
  CartErrorCode,
  CatalogErrorCode,
  CommonErrorCode,
  CouponsErrorCode,
  CustomersErrorCode,
  MembersErrorCode,
  MembershipErrorCode,
  OrdersErrorCode,
  PaymentsErrorCode,
  PlatformErrorCode,
  PrescriptionsErrorCode,
  ReferralsErrorCode,
  RemindersErrorCode,
  StaffTasksErrorCode,
  StoresErrorCode,
  TagsErrorCode,
  TradeInsErrorCode,
  WalletErrorCode,
};

/** The error codes of each domain; a new code goes into its domain's `errors.ts`. */
export const ERROR_CODES_BY_DOMAIN = {
  common: CommonErrorCode,
  auth: AuthErrorCode,
  catalog: CatalogErrorCode,
  stores: StoresErrorCode,
  members: MembersErrorCode,
  prescriptions: PrescriptionsErrorCode,
  cart: CartErrorCode,
  orders: OrdersErrorCode,
  payments: PaymentsErrorCode,
  platform: PlatformErrorCode,
  appointments: AppointmentsErrorCode,
  coupons: CouponsErrorCode,
  referrals: ReferralsErrorCode,
  tradeIns: TradeInsErrorCode,
  wallet: WalletErrorCode,
  membership: MembershipErrorCode,
  tags: TagsErrorCode,
  customers: CustomersErrorCode,
  reminders: RemindersErrorCode,
  staffTasks: StaffTasksErrorCode,
} as const;

/** Stable error codes sent by the API in `{ statusCode, code, message, details }`: all domains' codes. */
export const ErrorCode = {
  ...CommonErrorCode,
  ...AuthErrorCode,
  ...CatalogErrorCode,
  ...StoresErrorCode,
  ...MembersErrorCode,
  ...PrescriptionsErrorCode,
  ...CartErrorCode,
  ...OrdersErrorCode,
  ...PaymentsErrorCode,
  ...PlatformErrorCode,
  ...AppointmentsErrorCode,
  ...CouponsErrorCode,
  ...ReferralsErrorCode,
  ...TradeInsErrorCode,
  ...WalletErrorCode,
  ...MembershipErrorCode,
  ...TagsErrorCode,
  ...CustomersErrorCode,
  ...RemindersErrorCode,
  ...StaffTasksErrorCode,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `items.0.quantity`. */
  field: string;
  message: string;
}

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
  requestId?: string;
}
