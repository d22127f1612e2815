import { Text, View } from '@tarojs/components';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { t } from '../../../i18n';
import { staffTaskSummary } from '../../../services/staff-tasks';
import '../desk.scss';
import '../tasks/index.scss';

/** 门店任务概览 (store manager): the undone tasks of each staff member of the store. */
export default function StaffTaskSummaryPage() {
  usePageTitle('title.staffTaskSummary');
  const page = usePageData(() => staffTaskSummary(), []);

  return (
    <PageRoot className="desk task-summary">
      <PageState
        page={page}
        isEmpty={(summary) => summary.rows.length === 0}
        emptyTitle={t('staffTask.summaryEmpty')}
      >
        {(summary) => (
          <View role="list" aria-label={t('title.staffTaskSummary')} data-testid="task-summary">
            {summary.rows.map((row) => {
              const name = row.staffName ?? t('staffTask.storePool');
              return (
                <View
                  key={row.staffId ?? 'pool'}
                  className="desk__card"
                  role="listitem"
                  data-testid="task-summary-row"
                >
                  <View className="task-summary__row">
                    <Text className="task-summary__name">{name}</Text>
                    <Text className={row.due > 0 ? 'task-summary__due' : 'task-summary__count'}>
                      {t('staffTask.summaryDue', { count: row.due })}
                    </Text>
                    <Text className="task-summary__count">
                      {t('staffTask.summaryLater', { count: row.later })}
                    </Text>
                  </View>
                </View>
              );
            })}
          </View>
        )}
      </PageState>
    </PageRoot>
  );
}
