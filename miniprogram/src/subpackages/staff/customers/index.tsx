import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { CustomerSummary } from '@lensloop/shared';
import { LabelledInput } from '../../../components/labelled-input';
import { EmptyState, ErrorState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { t } from '../../../i18n';
import { searchCustomers } from '../../../services/prescriptions';
import '../desk.scss';
import { PageRoot } from '../../../components/page-root';

export default function StaffCustomersPage() {
  usePageTitle('title.staffCustomers');
  const [text, setText] = useState('');
  const [results, setResults] = useState<CustomerSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function search(q = text.trim()): Promise<void> {
    if (!q) return;
    setError(null);
    try {
      setResults((await searchCustomers(q)).items);
    } catch (searchError) {
      setError(searchError);
    }
  }

  async function scan(): Promise<void> {
    let scanned: string;
    try {
      scanned = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] })).result;
    } catch {
      return; // cancelled by the user
    }
    setText(scanned);
    await search(scanned.trim());
  }

  return (
    <PageRoot className="desk">
      <View className="desk__search">
        <LabelledInput
          className="desk__input"
          label={t('staff.searchPlaceholder')}
          value={text}
          onChange={(value) => setText(value)}
          onConfirm={() => void search()}
        />
        <Button type="primary" role="button" aria-label={t('staff.search')} onClick={() => void search()}>
          {t('staff.search')}
        </Button>
        {/* The member QR and barcode on 我的 carry the (rotating) member code, which the search
            resolves; browsers have no scanner, so only in WeChat. */}
        {process.env.TARO_ENV === 'weapp' ? (
          <Button type="default" role="button" aria-label={t('staff.scan')} onClick={() => void scan()}>
            {t('staff.scan')}
          </Button>
        ) : null}
      </View>
      {error ? <ErrorState error={error} /> : null}
      {results && results.length === 0 ? <EmptyState title={t('staff.noResults')} /> : null}
      {results && results.length > 0 ? (
        <View data-testid="customer-results">
          {results.map((customer) => (
            <View
              key={customer.id}
              className="desk__card desk__result"
              role="link"
              onClick={() =>
                void Taro.navigateTo({ url: `/subpackages/staff/customer/index?memberId=${customer.id}` })
              }
            >
              <Text className="desk__name">{customer.nickname ?? customer.memberCode}</Text>
              <Text className="desk__meta">{customer.phoneMasked ?? ''}</Text>
              <Text className="desk__meta">{t('staff.memberCode', { code: customer.memberCode })}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </PageRoot>
  );
}
