import { ApiProperty } from '@nestjs/swagger';
import type { WechatPaymentParams } from '@lensloop/shared';

/** Parameters for `wx.requestPayment`. */
export class WechatPaymentParamsDto implements WechatPaymentParams {
  @ApiProperty({
    description: 'The mini-program appid the payment is signed for.',
    example: 'wx0123456789abcdef',
  })
  appId: string;

  @ApiProperty({ example: '1764600000' })
  timeStamp: string;

  @ApiProperty()
  nonceStr: string;

  @ApiProperty({ example: 'prepay_id=wx201410272009395522657a690389285100' })
  package: string;

  @ApiProperty({ enum: ['RSA'] })
  signType: 'RSA';

  @ApiProperty()
  paySign: string;
}

/** Nothing to pay: the order is paid already. */
export class OrderPaidDto {
  @ApiProperty({ enum: ['paid'] })
  status: 'paid';
}

/** Pay in the mini-program with these parameters; the order turns `paid` when WeChat notifies. */
export class PaymentPendingDto {
  @ApiProperty({ enum: ['pending_payment'] })
  status: 'pending_payment';

  @ApiProperty({ type: WechatPaymentParamsDto })
  payment: WechatPaymentParamsDto;
}
