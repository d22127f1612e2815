import type { CouponKind, ErrorDetail } from '@lensloop/shared';

export interface TemplateRulesInput {
  kind: CouponKind;
  amountOff?: number;
  percentOff?: number;
  maxDiscount?: number;
}

export interface ValidityInput {
  from?: string;
  to?: string;
  days?: number;
}

/** The fields a kind needs, and no others: a percent coupon has no amount, a free service neither. */
export function templateRuleProblems(input: TemplateRulesInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const required = (field: keyof TemplateRulesInput, present: boolean) => {
    if (!present) problems.push({ field, message: `${field} is required for ${input.kind}` });
  };
  const forbidden = (field: keyof TemplateRulesInput, present: boolean) => {
    if (present) problems.push({ field, message: `${field} does not apply to ${input.kind}` });
  };
  required('amountOff', input.kind !== 'amount_off' || input.amountOff !== undefined);
  forbidden('amountOff', input.kind !== 'amount_off' && input.amountOff !== undefined);
  required('percentOff', input.kind !== 'percent_off' || input.percentOff !== undefined);
  forbidden('percentOff', input.kind !== 'percent_off' && input.percentOff !== undefined);
  forbidden('maxDiscount', input.kind !== 'percent_off' && input.maxDiscount !== undefined);
  return problems;
}

/** `{ days }` or `{ from, to }` with from before to; never a mix. */
export function validityProblems(validity: ValidityInput): ErrorDetail[] {
  const hasDays = validity.days !== undefined;
  const hasDates = validity.from !== undefined || validity.to !== undefined;
  if (hasDays && hasDates) return [{ field: 'validity', message: 'give either days or from and to' }];
  if (hasDays) return [];
  if (validity.from === undefined || validity.to === undefined) {
    return [{ field: 'validity', message: 'give either days or both from and to' }];
  }
  if (new Date(validity.from) >= new Date(validity.to)) {
    return [{ field: 'validity.to', message: 'to must be after from' }];
  }
  return [];
}
