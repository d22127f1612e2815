import { ErrorCode } from '@lensloop/shared';
import { httpStatusOf } from '../../../common/domain-error';
import { WechatPayRejection } from '../../../infra/wechat/pay/wechat-pay-client';
import { payErrorOf } from './wechat-pay-errors';

describe('payErrorOf', () => {
  it.each([
    ['ORDERPAID', 400, ErrorCode.ORDER_NOT_PAYABLE, 409],
    ['ORDER_CLOSED', 400, ErrorCode.PAYMENT_CLOSED, 409],
    ['FREQUENCY_LIMITED', 429, ErrorCode.PAYMENT_RATE_LIMITED, 429],
    ['PARAM_ERROR', 400, ErrorCode.PAYMENT_REJECTED, 422],
    ['NOT_ENOUGH', 403, ErrorCode.PAYMENT_REJECTED, 422],
    ['SIGN_ERROR', 401, ErrorCode.PAYMENT_REJECTED, 422],
  ])('should map WeChat %s (HTTP %d) to %s, answered %d', (wechatCode, wechatStatus, code, status) => {
    const error = payErrorOf(new WechatPayRejection(wechatStatus, wechatCode, '说明'));
    expect(error.code).toBe(code);
    expect(httpStatusOf(error.code)).toBe(status);
    expect(error.details).toEqual([{ field: 'wechatPay', message: `${wechatCode}: 说明` }]);
  });

  it('should never answer a WeChat refusal as an outage (5xx)', () => {
    for (const wechatCode of ['ORDERPAID', 'ORDER_CLOSED', 'PARAM_ERROR', 'INVALID_REQUEST', 'HTTP_404']) {
      expect(httpStatusOf(payErrorOf(new WechatPayRejection(400, wechatCode, '')).code)).toBeLessThan(500);
    }
  });
});
