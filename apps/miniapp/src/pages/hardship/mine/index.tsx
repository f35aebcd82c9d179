import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { GrantApplicationView, Page } from '@union/shared';
import { LoginPrompt } from '../../../components/LoginPrompt';
import { StateTag } from '../../../components/StateTag';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { campaignsApi, hardshipApi } from '../../../services/api/hardship';
import { deadlineText, formatDate } from '../../../utils/format';
import { yuan } from '../../../utils/money';
import { route } from '../../../utils/nav';
import { useLoggedIn } from '../../../hooks/useLoggedIn';

/** My hardship applications and 金秋助学 grant applications, newest first, a page of each at a time. */
export default function MyHardshipApplications() {
  const loggedIn = useLoggedIn();
  const applications = usePaged((after) => hardshipApi.mine(after), loggedIn);
  const grants = usePaged(
    (after) => campaignsApi.myGrants(after).catch((): Page<GrantApplicationView> => ({ items: [], nextCursor: null })),
    loggedIn,
  );
  const loaded = applications.loaded && grants.loaded;

  if (!loggedIn)
    return (
      <View className="page">
        <LoginPrompt />
      </View>
    );
  const empty = loaded && !applications.error && applications.items.length === 0 && grants.items.length === 0;
  return (
    <View className="page" data-testid="hs-mine-page">
      {applications.error ? <Text className="paragraph">{applications.error}</Text> : null}
      {!loaded ? <Text className="muted">正在读取…</Text> : null}
      {empty ? (
        <View className="card center">
          <Text className="paragraph">您还没有申请过困难帮扶。</Text>
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            onClick={() => void Taro.redirectTo({ url: '/pages/hardship/index/index' })}
          >
            了解困难帮扶
          </Button>
        </View>
      ) : null}
      {grants.items.length ? (
        <View className="card" data-testid="hs-my-grants">
          <Text className="card__title">金秋助学</Text>
          {grants.items.map((g) => (
            <View key={g.id} className="list-item" data-testid={`hs-my-grant-${g.id}`}>
              <StateTag caseType="grant_application" state={g.state} label={g.stateLabel} />
              <Text className="list-item__title">
                {g.studentNameMasked} · {g.schoolName}（{g.schoolLevelLabel}）
              </Text>
              <Text className="paragraph">
                {g.campaignTitle} · {yuan(g.amountFen)}
              </Text>
              <Text className="muted">{g.nextStep}</Text>
              {g.state === 'rejected' && g.history.length ? (
                <Text className="muted">原因：{[...g.history].reverse().find((h) => h.comment)?.comment ?? '见消息'}</Text>
              ) : null}
            </View>
          ))}
          <LoadMore list={grants} testId="hs-my-grants-more" />
        </View>
      ) : null}
      {applications.items.length ? <Text className="card__title">困难帮扶申请</Text> : null}
      {applications.items.map((a) => (
        <View
          key={a.id}
          className="list-item"
          onClick={() => void Taro.navigateTo({ url: route('/pages/hardship/application/index', { id: a.id }) })}
          data-testid={`hs-my-application-${a.id}`}
        >
          <StateTag caseType="hardship_application" state={a.state} label={a.stateLabel} />
          <Text className="list-item__title">{formatDate(a.submittedAt)} 提交的帮扶申请</Text>
          <Text className="muted">
            现在由 {a.holderName} 办理{a.deadline ? ` · ${deadlineText(a.deadline)}` : ''}
          </Text>
          <Text className="muted">{a.nextStep}</Text>
        </View>
      ))}
      <LoadMore list={applications} testId="hs-my-applications-more" />
    </View>
  );
}
