import type { ERROR_CODES_BY_DOMAIN, ErrorCode, ErrorDetail } from '@lensloop/shared';

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
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

type CodesByDomain = typeof ERROR_CODES_BY_DOMAIN;

// Every code of every domain needs a status here: a code added without one does not compile.
const STATUS_BY_DOMAIN: {
  [Domain in keyof CodesByDomain]: Record<keyof CodesByDomain[Domain], ErrorStatus>;
} = {
  common: {
    VALIDATION_FAILED: 400,
    UNAUTHENTICATED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    RATE_LIMITED: 429,
    INTERNAL_ERROR: 500,
    WECHAT_UNAVAILABLE: 502,
    SERVICE_UNAVAILABLE: 503,
  },
  auth: {
    INVALID_CREDENTIALS: 401,
    WECHAT_CODE_INVALID: 401,
  },
  catalog: {
    PRODUCT_NOT_FOUND: 404,
    SKU_NOT_FOUND: 404,
    SKU_OFF_SALE: 409,
    OUT_OF_STOCK: 409,
  },
  stores: {
    STORE_NOT_FOUND: 404,
  },
  members: {
    MEMBER_NOT_FOUND: 404,
    PROFILE_NOT_FOUND: 404,
  },
  prescriptions: {
    PRESCRIPTION_NOT_FOUND: 404,
    CONSENT_REQUIRED: 409,
  },
  cart: {
    CART_ITEM_NOT_FOUND: 404,
  },
  orders: {
    ORDER_NOT_FOUND: 404,
    ORDER_TRANSITION_NOT_ALLOWED: 409,
    IDEMPOTENCY_REQUEST_IN_PROGRESS: 409,
    LENS_CONFIGURATION_INVALID: 422,
    LENS_DOES_NOT_FIT: 422,
    PRESCRIPTION_EXPIRED: 422,
    CONTACT_LENS_PRESCRIPTION_FOR_GLASSES: 422,
    NEAR_PRESCRIPTION_FOR_DISTANCE_LENS: 422,
    IDEMPOTENCY_KEY_REUSED: 422,
  },
  payments: {
    ORDER_NOT_PAYABLE: 409,
    PAYMENT_CLOSED: 409,
    REFUND_AMOUNT_INVALID: 422,
    PAYMENT_REJECTED: 422,
    PAYMENT_RATE_LIMITED: 429,
  },
  platform: {
    OUTBOX_EVENT_NOT_FOUND: 404,
    JOB_NOT_FOUND: 404,
    OUTBOX_EVENT_NOT_DEAD: 409,
  },
  appointments: {
    APPOINTMENT_NOT_FOUND: 404,
    SLOT_FULL: 409,
    SLOT_OUTSIDE_HOURS: 409,
    SLOT_IN_PAST: 409,
    APPOINTMENT_NOT_CHANGEABLE: 409,
  },
  coupons: {
    COUPON_TEMPLATE_NOT_FOUND: 404,
    COUPON_NOT_FOUND: 404,
    COUPON_NOT_CLAIMABLE: 409,
    COUPON_SOLD_OUT: 409,
    COUPON_LIMIT_REACHED: 409,
    COUPON_ALREADY_REDEEMED: 409,
    COUPON_EXPIRED: 422,
    COUPON_NOT_YET_VALID: 422,
    COUPON_CODE_INVALID: 422,
    COUPON_NOT_APPLICABLE: 422,
  },
  referrals: {
    REFERRAL_CODE_NOT_FOUND: 404,
    REFERRAL_REWARD_TEMPLATE_INVALID: 422,
    REFERRAL_QR_NOT_FOUND: 404,
  },
  tradeIns: {
    TRADE_IN_NOT_FOUND: 404,
    TRADE_IN_PHOTO_NOT_FOUND: 404,
    TRADE_IN_PHOTO_INVALID: 415,
    TRADE_IN_PHOTO_TOO_LARGE: 413,
    TRADE_IN_PHOTO_USED: 409,
    TRADE_IN_AMOUNT_OUT_OF_RANGE: 422,
    TRADE_IN_NOT_CHANGEABLE: 409,
  },
  wallet: {
    WALLET_PLAN_NOT_FOUND: 404,
    WALLET_INSUFFICIENT: 409,
    WALLET_TOP_UP_SPENT: 409,
    WALLET_PLAN_INVALID: 422,
  },
  membership: {
    POINTS_INSUFFICIENT: 409,
    POINTS_OVER_LIMIT: 422,
  },
  tags: {
    TAG_NOT_FOUND: 404,
    TAG_NOT_MANUAL: 409,
    SEGMENT_NOT_FOUND: 404,
    SEGMENT_FILTER_INVALID: 400,
    COMMUNITY_NOT_FOUND: 404,
  },
  customers: {
    TRANSFER_STAFF_INVALID: 422,
    TRANSFER_SAME_STAFF: 422,
    SCENE_INVALID: 422,
    WELCOME_TEMPLATE_INVALID: 422,
    WECOM_NOT_CONFIGURED: 409,
    WECOM_SIGNATURE_INVALID: 403,
    WECOM_CALLBACK_REPLAYED: 403,
    WECOM_CALLBACK_MALFORMED: 400,
  },
  reminders: {
    SUBSCRIPTION_TEMPLATE_UNKNOWN: 422,
    REMINDER_KIND_NOT_MUTABLE: 422,
    INBOX_ITEM_NOT_FOUND: 404,
    REMINDER_RULES_INVALID: 422,
  },
  staffTasks: {
    STAFF_TASK_NOT_FOUND: 404,
    STAFF_TASK_DONE: 409,
  },
};

const STATUS_OF: Record<ErrorCode, ErrorStatus> = {
  ...STATUS_BY_DOMAIN.common,
  ...STATUS_BY_DOMAIN.auth,
  ...STATUS_BY_DOMAIN.catalog,
  ...STATUS_BY_DOMAIN.stores,
  ...STATUS_BY_DOMAIN.members,
  ...STATUS_BY_DOMAIN.prescriptions,
  ...STATUS_BY_DOMAIN.cart,
  ...STATUS_BY_DOMAIN.orders,
  ...STATUS_BY_DOMAIN.payments,
  ...STATUS_BY_DOMAIN.platform,
  ...STATUS_BY_DOMAIN.appointments,
  ...STATUS_BY_DOMAIN.coupons,
  ...STATUS_BY_DOMAIN.referrals,
  ...STATUS_BY_DOMAIN.tradeIns,
  ...STATUS_BY_DOMAIN.wallet,
  ...STATUS_BY_DOMAIN.membership,
  ...STATUS_BY_DOMAIN.tags,
  ...STATUS_BY_DOMAIN.customers,
  ...STATUS_BY_DOMAIN.reminders,
  ...STATUS_BY_DOMAIN.staffTasks,
};

/** The HTTP status of each error code, decided in this one place. */
export function httpStatusOf(code: ErrorCode): ErrorStatus {
  return STATUS_OF[code];
}
