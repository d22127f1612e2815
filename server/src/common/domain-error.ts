import { ErrorCode, type ErrorDetail } from '@lensloop/shared';

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

/** The HTTP status of each error code, decided in this one place. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.INVALID_CREDENTIALS:
    case ErrorCode.WECHAT_CODE_INVALID:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
    case ErrorCode.PRODUCT_NOT_FOUND:
    case ErrorCode.STORE_NOT_FOUND:
    case ErrorCode.MEMBER_NOT_FOUND:
    case ErrorCode.PROFILE_NOT_FOUND:
    case ErrorCode.PRESCRIPTION_NOT_FOUND:
    case ErrorCode.SKU_NOT_FOUND:
    case ErrorCode.CART_ITEM_NOT_FOUND:
    case ErrorCode.ORDER_NOT_FOUND:
    case ErrorCode.APPOINTMENT_NOT_FOUND:
      return 404;
    case ErrorCode.CONSENT_REQUIRED:
    case ErrorCode.SKU_OFF_SALE:
    case ErrorCode.OUT_OF_STOCK:
    case ErrorCode.ORDER_TRANSITION_NOT_ALLOWED:
    case ErrorCode.ORDER_NOT_PAYABLE:
    case ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS:
    case ErrorCode.SLOT_FULL:
    case ErrorCode.SLOT_OUTSIDE_HOURS:
    case ErrorCode.SLOT_IN_PAST:
    case ErrorCode.APPOINTMENT_NOT_CHANGEABLE:
      return 409;
    case ErrorCode.LENS_CONFIGURATION_INVALID:
    case ErrorCode.LENS_DOES_NOT_FIT:
    case ErrorCode.PRESCRIPTION_EXPIRED:
    case ErrorCode.CONTACT_LENS_PRESCRIPTION_FOR_GLASSES:
    case ErrorCode.NEAR_PRESCRIPTION_FOR_DISTANCE_LENS:
    case ErrorCode.REFUND_AMOUNT_INVALID:
    case ErrorCode.IDEMPOTENCY_KEY_REUSED:
      return 422;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.INTERNAL_ERROR:
      return 500;
    case ErrorCode.WECHAT_UNAVAILABLE:
      return 502;
    default:
      return assertUnreachable(code);
  }
}
