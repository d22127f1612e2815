import type { EntityManager } from 'typeorm';
import { TradeInRulesEntity } from '../modules/trade-ins/entities/trade-in-rules.entity';
import { DEFAULT_TRADE_IN_RULES } from '../modules/trade-ins/policies/trade-in-estimate.policy';

/**
 * The estimate table as a saved row, so `GET /admin/trade-in/rules` shows what the demo quotes
 * from: a luxury titanium optical frame, like new and under a year old, is worth ¥200–600.
 */
export async function seedDemoTradeInRules(manager: EntityManager): Promise<void> {
  await manager.insert(TradeInRulesEntity, { id: 1, rules: DEFAULT_TRADE_IN_RULES });
}
