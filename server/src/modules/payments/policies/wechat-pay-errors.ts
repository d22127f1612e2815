import { ErrorCode, type ErrorDetail } from '@lensloop/shared';
import { DomainError } from '../../../common/domain-error';
import type { WechatPayRejection } from '../../../infra/wechat/pay/wechat-pay-client';

/**
 * What a WeChat Pay refusal means for our caller. WeChat answered, so it is never "could not be
 * reached" (502): the order is paid or closed already, or WeChat will not take the request.
 */
export function payErrorOf(rejection: WechatPayRejection): DomainError {
  const details: ErrorDetail[] = [{ field: 'wechatPay', message: `${rejection.code}: ${rejection.reason}` }];
  switch (rejection.code) {
    case 'ORDERPAID':
      return new DomainError(
        ErrorCode.ORDER_NOT_PAYABLE,
        'WeChat Pay says this order is paid already.',
        details,
      );
    case 'ORDER_CLOSED':
      return new DomainError(
        ErrorCode.PAYMENT_CLOSED,
        'The WeChat Pay transaction of this order is closed.',
        details,
      );
    case 'FREQUENCY_LIMITED':
      return new DomainError(
        ErrorCode.PAYMENT_RATE_LIMITED,
        'WeChat Pay asks to slow down; try again shortly.',
        details,
      );
    default:
      return new DomainError(ErrorCode.PAYMENT_REJECTED, 'WeChat Pay refused the request.', details);
  }
}
