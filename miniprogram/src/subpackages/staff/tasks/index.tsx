import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import {
  shanghaiDateTime,
  STAFF_TASK_STATUSES,
  type StaffTask,
  type StaffTaskStatus,
} from '@lensloop/shared';
import { PageRoot } from '../../../components/page-root';
import { PageState } from '../../../components/page-state';
import { usePageTitle } from '../../../hooks/use-locale';
import { usePageData } from '../../../hooks/use-page-data';
import { errorMessage, t } from '../../../i18n';
import {
  completeStaffTask,
  listStaffTasks,
  SNOOZE_DAYS,
  snoozeStaffTask,
} from '../../../services/staff-tasks';
import { useSession } from '../../../stores/session';
import '../desk.scss';
import './index.scss';

const DAY_MS = 86_400_000;

/** 我的任务: 1-to-1 service and arrival tasks, due ones first; done, snooze, open the customer. */
export default function StaffTasksPage() {
  usePageTitle('title.staffTasks');
  const { staff } = useSession();
  const [status, setStatus] = useState<StaffTaskStatus>('due');
  // The time of the answer decides how long a due task has waited.
  const page = usePageData(
    async () => ({ tasks: await listStaffTasks(status), loadedAt: Date.now() }),
    [status],
  );
  const [busy, setBusy] = useState<number | null>(null);

  async function act(task: StaffTask, action: () => Promise<unknown>, done: string): Promise<void> {
    setBusy(task.id);
    try {
      await action();
      void Taro.showToast({ title: done, icon: 'none' });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setBusy(null);
      await page.reload();
    }
  }

  return (
    <PageRoot className="desk staff-tasks">
      <View className="staff-tasks__tabs" role="tablist" aria-label={t('title.staffTasks')}>
        {STAFF_TASK_STATUSES.map((tab) => (
          <View
            key={tab}
            role="tab"
            aria-selected={tab === status}
            aria-label={t(`staffTask.status.${tab}`)}
            data-testid={`task-tab-${tab}`}
            className={`staff-tasks__tab${tab === status ? ' staff-tasks__tab--active' : ''}`}
            onClick={() => setStatus(tab)}
          >
            {t(`staffTask.status.${tab}`)}
          </View>
        ))}
      </View>
      {staff?.role === 'manager' || staff?.role === 'admin' ? (
        <View className="staff-tasks__bar">
          <Button
            size="small"
            type="default"
            role="link"
            aria-label={t('title.staffTaskSummary')}
            onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/task-summary/index' })}
          >
            {t('title.staffTaskSummary')}
          </Button>
        </View>
      ) : null}
      <PageState
        page={page}
        isEmpty={({ tasks }) => tasks.length === 0}
        emptyTitle={t(status === 'due' ? 'staffTask.emptyDue' : 'staffTask.emptyDone')}
      >
        {({ tasks, loadedAt }) => (
          <View data-testid="staff-tasks">
            {tasks.map((task) => {
              // Every listed due task is due; one left for a day or more says for how long.
              const overdueDays =
                task.status === 'due' ? Math.floor((loadedAt - Date.parse(task.dueAt)) / DAY_MS) : 0;
              return (
                <View key={task.id} className="desk__card" data-testid="staff-task">
                  <View className="desk__row">
                    <Text className={`staff-tasks__kind staff-tasks__kind--${task.kind}`}>
                      {t(`staffTask.kind.${task.kind}`)}
                    </Text>
                    {overdueDays > 0 ? (
                      <Text className="staff-tasks__overdue">
                        {t('staffTask.overdue', { days: overdueDays })}
                      </Text>
                    ) : null}
                  </View>
                  <Text className="desk__name" data-testid="task-title">
                    {task.title}
                  </Text>
                  <Text className="desk__meta" data-testid="task-due">
                    {task.status === 'done' && task.doneAt
                      ? t('staffTask.doneAt', { time: shanghaiDateTime(new Date(task.doneAt)) })
                      : t('staffTask.dueAt', { time: shanghaiDateTime(new Date(task.dueAt)) })}
                  </Text>
                  <View className="desk__actions staff-tasks__actions">
                    <Button
                      size="small"
                      type="default"
                      role="link"
                      aria-label={t('staffTask.customerFor', { title: task.title })}
                      onClick={() =>
                        void Taro.navigateTo({
                          url: `/subpackages/staff/customer/index?memberId=${task.memberId}`,
                        })
                      }
                    >
                      {t('staffTask.customer')}
                    </Button>
                    {task.status === 'due' ? (
                      <>
                        <Button
                          size="small"
                          type="primary"
                          role="button"
                          aria-label={t('staffTask.doneFor', { title: task.title })}
                          disabled={busy !== null}
                          onClick={() =>
                            void act(task, () => completeStaffTask(task.id), t('staffTask.doneToast'))
                          }
                        >
                          {t('staffTask.done')}
                        </Button>
                        {SNOOZE_DAYS.map((days) => (
                          <Button
                            key={days}
                            size="small"
                            type="default"
                            role="button"
                            aria-label={t('staffTask.snoozeFor', { days, title: task.title })}
                            disabled={busy !== null}
                            onClick={() =>
                              void act(
                                task,
                                () => snoozeStaffTask(task.id, days),
                                t('staffTask.snoozedToast', { days }),
                              )
                            }
                          >
                            {t('staffTask.snooze', { days })}
                          </Button>
                        ))}
                      </>
                    ) : null}
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
