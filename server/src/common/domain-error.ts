import type {
  AuthErrorCode,
  CartErrorCode,
  CatalogErrorCode,
  CommonErrorCode,
  ErrorCode,
  ErrorDetail,
  MembersErrorCode,
  OrdersErrorCode,
  PaymentsErrorCode,
  PrescriptionsErrorCode,
  StoresErrorCode,
} from '@lensloop/shared';

/** An expected failure of a use case; the exception filter decides its HTTP status from `code`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}

/** The statuses an error may answer with; anything else is a typo. */
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 502;

// One map per domain, typed by that domain's codes: a code added without a status does not compile.
const COMMON_STATUS: Record<CommonErrorCode, ErrorStatus> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  WECHAT_UNAVAILABLE: 502,
};
const AUTH_STATUS: Record<AuthErrorCode, ErrorStatus> = {
  INVALID_CREDENTIALS: 401,
  WECHAT_CODE_INVALID: 401,
};
const CATALOG_STATUS: Record<CatalogErrorCode, ErrorStatus> = {
  PRODUCT_NOT_FOUND: 404,
  SKU_NOT_FOUND: 404,
  SKU_OFF_SALE: 409,
  OUT_OF_STOCK: 409,
};
const STORES_STATUS: Record<StoresErrorCode, ErrorStatus> = {
  STORE_NOT_FOUND: 404,
};
const MEMBERS_STATUS: Record<MembersErrorCode, ErrorStatus> = {
  MEMBER_NOT_FOUND: 404,
  PROFILE_NOT_FOUND: 404,
};
const PRESCRIPTIONS_STATUS: Record<PrescriptionsErrorCode, ErrorStatus> = {
  PRESCRIPTION_NOT_FOUND: 404,
  CONSENT_REQUIRED: 409,
};
const CART_STATUS: Record<CartErrorCode, ErrorStatus> = {
  CART_ITEM_NOT_FOUND: 404,
};
const ORDERS_STATUS: Record<OrdersErrorCode, ErrorStatus> = {
  ORDER_NOT_FOUND: 404,
  ORDER_TRANSITION_NOT_ALLOWED: 409,
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 409,
  LENS_CONFIGURATION_INVALID: 422,
  LENS_DOES_NOT_FIT: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
};
const PAYMENTS_STATUS: Record<PaymentsErrorCode, ErrorStatus> = {
  ORDER_NOT_PAYABLE: 409,
  REFUND_AMOUNT_INVALID: 422,
};

const STATUS_OF: Record<ErrorCode, ErrorStatus> = {
  ...COMMON_STATUS,
  ...AUTH_STATUS,
  ...CATALOG_STATUS,
  ...STORES_STATUS,
  ...MEMBERS_STATUS,
  ...PRESCRIPTIONS_STATUS,
  ...CART_STATUS,
  ...ORDERS_STATUS,
  ...PAYMENTS_STATUS,
};

/** The HTTP status of each error code, decided in this one place. */
export function httpStatusOf(code: ErrorCode): ErrorStatus {
  return STATUS_OF[code];
}
