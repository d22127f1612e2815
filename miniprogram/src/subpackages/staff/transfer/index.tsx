import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { CustomerSummary, StaffMemberSummary } from '@lensloop/shared';
import { ChoiceChip } from '../../../components/choice-chip';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import { listStaffCustomers, listStaffMembers, transferCustomers } from '../../../services/customers';
import '../desk.scss';

function staffLabel(staff: StaffMemberSummary): string {
  const role = t(`role.${staff.role}`);
  return staff.active ? `${staff.name}（${role}）` : `${staff.name}（${role}，${t('transfer.disabled')}）`;
}

/** Manager: move one, some or all of a (departing) staff member's customers to a colleague. */
export default function StaffTransferPage() {
  usePageTitle('title.staffTransfer');
  const page = usePageData(() => listStaffMembers(), []);
  const [fromId, setFromId] = useState<number | null>(null);
  const [toId, setToId] = useState<number | null>(null);
  const [customers, setCustomers] = useState<CustomerSummary[] | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function chooseFrom(staffId: number): Promise<void> {
    setFromId(staffId);
    setChosen(new Set());
    setCustomers(null);
    setDone(null);
    setError(null);
    if (toId === staffId) setToId(null);
    try {
      setCustomers((await listStaffCustomers(staffId)).items);
    } catch (loadError) {
      setError(errorMessage(loadError));
    }
  }

  function toggle(memberId: number): void {
    const next = new Set(chosen);
    if (next.has(memberId)) next.delete(memberId);
    else next.add(memberId);
    setChosen(next);
  }

  async function submit(): Promise<void> {
    if (fromId === null || toId === null || submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      const result = await transferCustomers({
        fromStaffId: fromId,
        toStaffId: toId,
        ...(chosen.size > 0 ? { memberIds: [...chosen] } : {}),
      });
      setDone(t('transfer.done', { count: result.transferred }));
      void Taro.showToast({ title: t('transfer.done', { count: result.transferred }), icon: 'success' });
      setCustomers((await listStaffCustomers(fromId)).items);
      setChosen(new Set());
    } catch (submitError) {
      setError(errorMessage(submitError));
    } finally {
      setSubmitting(false);
    }
  }

  const submitLabel =
    chosen.size > 0 ? t('transfer.submitSome', { count: chosen.size }) : t('transfer.submitAll');

  return (
    <PageState page={page}>
      {(staff) => (
        <View className="desk" data-testid="transfer-page">
          <Text className="section-title">{t('transfer.from')}</Text>
          <View className="desk__card desk__chips" role="radiogroup" aria-label={t('transfer.from')}>
            {staff.map((member) => (
              <ChoiceChip
                key={member.id}
                label={staffLabel(member)}
                active={fromId === member.id}
                onClick={() => void chooseFrom(member.id)}
                testId={`transfer-from-${member.id}`}
              />
            ))}
          </View>
          {customers ? (
            <>
              <Text className="section-title">{t('transfer.customers', { count: customers.length })}</Text>
              <View className="desk__card" data-testid="transfer-customers">
                {customers.length === 0 ? <Text className="desk__meta">{t('transfer.none')}</Text> : null}
                {customers.map((customer) => (
                  <View
                    key={customer.id}
                    className="desk__row"
                    role="checkbox"
                    aria-checked={chosen.has(customer.id)}
                    aria-label={customer.nickname ?? customer.memberCode}
                    onClick={() => toggle(customer.id)}
                  >
                    <Text className="desk__name">{chosen.has(customer.id) ? '☑' : '☐'}</Text>
                    <Text className="desk__meta">
                      {customer.nickname ?? customer.memberCode} {customer.phoneMasked ?? ''}
                    </Text>
                  </View>
                ))}
                <Text className="desk__hint">{t('transfer.allHint')}</Text>
              </View>
            </>
          ) : null}
          <Text className="section-title">{t('transfer.to')}</Text>
          <View className="desk__card desk__chips" role="radiogroup" aria-label={t('transfer.to')}>
            {staff
              .filter((member) => member.active && member.id !== fromId)
              .map((member) => (
                <ChoiceChip
                  key={member.id}
                  label={staffLabel(member)}
                  active={toId === member.id}
                  onClick={() => setToId(member.id)}
                  testId={`transfer-to-${member.id}`}
                />
              ))}
          </View>
          {error ? (
            <Text className="desk__error" role="alert">
              {error}
            </Text>
          ) : null}
          {done ? (
            <Text className="desk__hint" role="status" data-testid="transfer-done">
              {done}
            </Text>
          ) : null}
          <View className="desk__card">
            <Button
              block
              type="primary"
              role="button"
              aria-label={submitLabel}
              disabled={fromId === null || toId === null || submitting}
              loading={submitting}
              onClick={() => void submit()}
            >
              {submitLabel}
            </Button>
          </View>
        </View>
      )}
    </PageState>
  );
}
