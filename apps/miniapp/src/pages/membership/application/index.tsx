import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { MembershipApplicationAction } from '@union/shared';
import { ActionPanel, type ActionInput } from '../../../components/ActionPanel';
import { StateTag } from '../../../components/StateTag';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { casesApi } from '../../../services/api/cases';
import { applicationsApi } from '../../../services/api/membership';
import { notificationsApi } from '../../../services/api/notifications';
import { isApiError } from '../../../services/request';
import { showError, toast } from '../../../utils/feedback';
import { deadlineText, formatDate, formatDateTime, replyWithinDays } from '../../../utils/format';
import { numberParam } from '../../../utils/nav';
import { PageStatus } from '../../../components/PageStatus';

const isWeapp = process.env.TARO_ENV === 'weapp';

export default function Application() {
  const router = useRouter();
  const id = numberParam(router.params.id);
  const justSubmitted = router.params.submitted === '1';
  const [busy, setBusy] = useState(false);
  const [subscribed, setSubscribed] = useState(false);

  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整，请从“我的”里打开申请');
    const app = await applicationsApi.get(id);
    return { app, actions: app.actions };
  });

  const run = async (input: ActionInput) => {
    if (!data || !id) return;
    setBusy(true);
    try {
      await casesApi.transition(data.app.caseId, {
        ...input,
        action: input.action as MembershipApplicationAction,
        version: data.app.version,
      });
      toast('已办理');
    } catch (e) {
      // state_conflict: someone acted first; show why, then show the case as it is now.
      await showError(e);
      if (!isApiError(e, 'state_conflict') && !isApiError(e, 'action_not_allowed')) return;
    } finally {
      setBusy(false);
      await reload();
    }
  };

  // Must run inside a tap: WeChat only shows the subscription dialog on a user gesture.
  const subscribe = async () => {
    try {
      const { templateIds } = await notificationsApi.subscribeTemplates();
      if (templateIds.length) await Taro.requestSubscribeMessage({ tmplIds: templateIds } as never);
      setSubscribed(true);
    } catch {
      toast('没有开通通知，可以在“消息”里查看结果');
    }
  };

  if (error || !data) return <PageStatus error={error} />;
  const { app, actions } = data;

  return (
    <View className="page" data-testid="application-page">
      {justSubmitted && app.state === 'submitted' ? (
        <View className="card" data-testid="submitted-banner">
          <Text className="card__title">
            已提交，{app.organization.name} 将在 {replyWithinDays(app.deadline)} 个工作日内答复
          </Text>
          {app.deadline ? <Text className="muted">最晚 {formatDate(app.deadline.dueAt)} 前答复。</Text> : null}
          {isWeapp && !subscribed ? (
            <Button block size="large" type="primary" className="big-button" onClick={() => void subscribe()}>
              在微信里接收办理结果通知
            </Button>
          ) : null}
        </View>
      ) : null}
      <View className="card">
        <StateTag caseType="membership_application" state={app.state} label={app.stateLabel} />
        <Text className="next-step" data-testid="next-step">
          {app.nextStep}
        </Text>
        {app.deadline ? (
          <Text className={app.deadline.overdue ? 'danger-text' : 'paragraph'} data-testid="deadline">
            {app.deadline.overdue
              ? deadlineText(app.deadline)
              : `答复期限：${deadlineText(app.deadline)}（${formatDate(app.deadline.dueAt)}）`}
          </Text>
        ) : null}
        {app.lastReviewerComment ? (
          <Text className="paragraph" data-testid="reviewer-comment">
            工会的意见：{app.lastReviewerComment}
          </Text>
        ) : null}
      </View>
      <View className="card">
        <Text className="card__title">申请内容</Text>
        <View className="row">
          <Text className="row__label">姓名</Text>
          <Text className="row__value">{app.realName}</Text>
        </View>
        <View className="row">
          <Text className="row__label">身份证号码</Text>
          <Text className="row__value">{app.idNumberMasked}</Text>
        </View>
        <View className="row">
          <Text className="row__label">手机号码</Text>
          <Text className="row__value">{app.phoneMasked}</Text>
        </View>
        <View className="row">
          <Text className="row__label">工作单位</Text>
          <Text className="row__value">{app.employerName}</Text>
        </View>
        <View className="row">
          <Text className="row__label">受理工会</Text>
          <Text className="row__value">{app.organization.name}</Text>
        </View>
        <View className="row">
          <Text className="row__label">告诉单位</Text>
          <Text className="row__value">{app.hideFromEmployer ? '不告诉' : '可以'}</Text>
        </View>
        <View className="row">
          <Text className="row__label">提交时间</Text>
          <Text className="row__value">{formatDateTime(app.submittedAt)}</Text>
        </View>
      </View>
      <ActionPanel actions={actions} busy={busy} onRun={run} commentHint="写一写您补充或修改了什么（工会会看到）" />
      <View className="card">
        <Text className="card__title">办理记录</Text>
        <Timeline entries={app.history} />
      </View>
    </View>
  );
}
