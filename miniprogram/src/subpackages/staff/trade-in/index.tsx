import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { TradeInPhotos } from '../../../components/authorized-image';
import type { TradeIn } from '@lensloop/shared';
import { LabelledInput } from '../../../components/labelled-input';
import { PageState } from '../../../components/page-state';
import { priceText } from '../../../components/price-tag';
import { estimateText, tradeInSummary } from '../../../components/trade-in-text';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { getStaffTradeIn, inspectTradeIn, rejectTradeIn } from '../../../services/trade-ins';
import '../desk.scss';

/** "180", "180.5" or "180.50" yuan as fen, without floating-point rounding; null when not an amount. */
function parseYuan(text: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The final amount typed in yuan ("180" or "180.5"), in fen, or null when not a valid amount in the range. */
function finalAmountFen(text: string, tradeIn: TradeIn): number | null {
  const fen = parseYuan(text.trim());
  if (fen === null) return null;
  return fen >= tradeIn.estimateMin && fen <= tradeIn.estimateMax ? fen : null;
}

/** Inspect a trade-in at the desk: the photos, a final amount inside the estimate, or a rejection. */
export default function StaffTradeInPage() {
  usePageTitle('title.staffTradeIn');
  const id = Number(useRouter().params.id);
  const page = usePageData(() => getStaffTradeIn(id), [id]);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: () => Promise<TradeIn>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      page.setData(await action());
    } catch (actionError) {
      setError(errorMessage(actionError));
    } finally {
      setBusy(false);
    }
  }

  function inspect(tradeIn: TradeIn): void {
    const fen = finalAmountFen(amount, tradeIn);
    if (fen === null) {
      setError(t('tradeIn.amountOutOfRange', { range: estimateText(tradeIn) }));
      return;
    }
    void act(() => inspectTradeIn(tradeIn.id, { finalAmount: fen, note: note.trim() || undefined }));
  }

  function reject(tradeIn: TradeIn): void {
    if (!reason.trim()) {
      setError(t('tradeIn.reasonMissing'));
      return;
    }
    void act(() => rejectTradeIn(tradeIn.id, reason.trim()));
  }

  return (
    <PageState page={page}>
      {(tradeIn) => (
        <View className="desk" data-testid="staff-trade-in">
          <View className="desk__card">
            <Text className="desk__title" data-testid="trade-in-status">
              {t(`tradeIn.status.${tradeIn.status}`)}
            </Text>
            <Text className="desk__name">{tradeInSummary(tradeIn)}</Text>
            <Text className="desk__meta">{t('tradeIn.estimateIs', { range: estimateText(tradeIn) })}</Text>
            {tradeIn.finalAmount !== null ? (
              <Text className="desk__meta" data-testid="trade-in-final">
                {t('tradeIn.finalAmount', { amount: priceText(tradeIn.finalAmount) })}
              </Text>
            ) : null}
            {tradeIn.rejectReason ? (
              <Text className="desk__meta">
                {t('tradeIn.rejectReason', { reason: tradeIn.rejectReason })}
              </Text>
            ) : null}
            <TradeInPhotos photos={tradeIn.photos} rowClassName="desk__row" photoClassName="desk__photo" />
          </View>
          {tradeIn.status === 'submitted' ? (
            <View className="desk__card">
              <Text className="desk__hint">{t('tradeIn.amountLabel', { range: estimateText(tradeIn) })}</Text>
              <LabelledInput
                className="desk__input"
                type="digit"
                label={t('tradeIn.finalAmountInput')}
                value={amount}
                onChange={(value) => setAmount(value)}
              />
              <LabelledInput
                className="desk__input"
                label={t('tradeIn.noteInput')}
                value={note}
                onChange={(value) => setNote(value)}
              />
              <Button
                type="primary"
                loading={busy}
                role="button"
                aria-label={t('tradeIn.inspect')}
                onClick={() => inspect(tradeIn)}
              >
                {t('tradeIn.inspect')}
              </Button>
              <LabelledInput
                className="desk__input"
                label={t('tradeIn.reasonInput')}
                value={reason}
                onChange={(value) => setReason(value)}
              />
              <Button
                type="default"
                loading={busy}
                role="button"
                aria-label={t('tradeIn.reject')}
                onClick={() => reject(tradeIn)}
              >
                {t('tradeIn.reject')}
              </Button>
            </View>
          ) : null}
          {error ? (
            <Text className="desk__error desk__card" role="alert" data-testid="trade-in-error">
              {error}
            </Text>
          ) : null}
          <View className="desk__card">
            <Button
              type="default"
              role="link"
              aria-label={t('title.staffTradeIns')}
              onClick={() => void Taro.navigateBack()}
            >
              {t('title.staffTradeIns')}
            </Button>
          </View>
        </View>
      )}
    </PageState>
  );
}
