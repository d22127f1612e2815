import { Text, View } from '@tarojs/components';
import { shanghaiDateTime, type AuditEntry } from '@lensloop/shared';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
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
  const page = usePageData(async () => (await listAccessLog()).items, []);

  return (
    <PageState page={page} isEmpty={(entries) => entries.length === 0} emptyTitle={t('accessLog.empty')}>
      {(entries) => (
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
      )}
    </PageState>
  );
}
