import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { shanghaiDateTime, type AuditEntry } from '@lensloop/shared';
import { EmptyState, ErrorState, LoadingState } from '../../../components/state-view';
import { usePageTitle } from '../../../hooks/use-locale';
import { hasMessage, t } from '../../../i18n';
import { listAccessLog } from '../../../services/prescriptions';
import './index.scss';

function entryText(entry: AuditEntry): string {
  return t('accessLog.entry', {
    name: entry.staff?.name ?? t('accessLog.unknownStaff'),
    role: entry.staff ? t(`role.${entry.staff.role}`) : '',
    action: t(`action.${entry.action}`),
  });
}

// The server's standard reasons are codes with a message each; a reason typed by staff is shown as is.
function reasonText(reason: string): string {
  const key = `auditReason.${reason}`;
  return hasMessage(key) ? t(key) : reason;
}

/** Who read or wrote the member's prescriptions, newest first (PIPL: the person can see it). */
export default function AccessLogPage() {
  usePageTitle('title.accessLog');
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function load(): Promise<void> {
    setError(null);
    try {
      setEntries((await listAccessLog()).items);
    } catch (loadError) {
      setError(loadError);
    }
  }

  useDidShow(() => {
    void load();
  });

  if (error) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!entries) return <LoadingState />;
  if (entries.length === 0) return <EmptyState title={t('accessLog.empty')} />;
  return (
    <View className="access-log" role="list" data-testid="access-log">
      {entries.map((entry) => (
        <View key={entry.id} className="access-log__entry" role="listitem">
          <Text className="access-log__time">{shanghaiDateTime(new Date(entry.at))}</Text>
          <Text className="access-log__text">{entryText(entry)}</Text>
          <Text className="access-log__reason">
            {t('accessLog.reason', { reason: reasonText(entry.reason) })}
          </Text>
        </View>
      ))}
    </View>
  );
}
