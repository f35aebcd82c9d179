import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ROLE_LABEL, isTerminalState } from '@union/shared';
import { LoginPrompt } from '../../components/LoginPrompt';
import { StateTag } from '../../components/StateTag';
import { LoadMore } from '../../components/LoadMore';
import { useLoader } from '../../hooks/useLoader';
import { usePaged } from '../../hooks/usePaged';
import { applicationsApi } from '../../services/api/membership';
import { meApi } from '../../services/api/me';
import { refreshUnreadBadge } from '../../services/badge';
import { logout } from '../../services/session';
import { deadlineText, formatDate } from '../../utils/format';
import { route } from '../../utils/nav';
import { PageStatus } from '../../components/PageStatus';
import { useLoggedIn } from '../../hooks/useLoggedIn';

export default function Mine() {
  const loggedIn = useLoggedIn();
  const { data: me, error } = useLoader(() => meApi.get(), loggedIn);
  // My membership applications, newest first, a page at a time.
  const mine = usePaged((after) => applicationsApi.mine(after), loggedIn);

  useDidShow(() => {
    void refreshUnreadBadge();
  });

  const doLogout = async () => {
    logout();
    await Taro.reLaunch({ url: '/pages/index/index' });
  };

  if (!loggedIn)
    return (
      <View className="page">
        <LoginPrompt />
      </View>
    );
  if (error || mine.error || !me || !mine.loaded) return <PageStatus error={error ?? mine.error} />;
  const applications = mine.items;
  const isStaff = me.permissions.includes('workbench.view');
  const canVerify = me.permissions.includes('membership.card.verify');
  // An open application is the newest: the first page holds it.
  const hasOpen = applications.some((a) => !isTerminalState('membership_application', a.state));

  return (
    <View className="page" data-testid="mine-page">
      <View className="card">
        <Text className="card__title" data-testid="me-name">
          {me.displayName}
        </Text>
        <Text className="muted">{me.roles.map((r) => ROLE_LABEL[r] ?? r).join('、')}</Text>
        {me.organization ? <Text className="muted">{me.organization.name}</Text> : null}
      </View>

      <View className="card">
        <Text className="card__title">电子会员证</Text>
        {me.isMember ? (
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            onClick={() => void Taro.navigateTo({ url: '/pages/membership/card/index' })}
            data-testid="open-card"
          >
            打开我的会员证
          </Button>
        ) : (
          <View>
            <Text className="muted">{hasOpen ? '入会申请正在办理，批准后这里会出现会员证。' : '您还不是会员。'}</Text>
            {!hasOpen ? (
              <Button
                block
                size="large"
                type="primary"
                className="big-button"
                onClick={() => void Taro.navigateTo({ url: '/pages/membership/apply/index' })}
                data-testid="mine-apply"
              >
                申请入会
              </Button>
            ) : null}
          </View>
        )}
      </View>

      <View className="card">
        <Text className="card__title">我的入会申请</Text>
        {applications.length === 0 ? <Text className="muted">还没有申请。</Text> : null}
        {applications.map((a) => (
          <View
            key={a.id}
            className="list-item"
            onClick={() => void Taro.navigateTo({ url: route('/pages/membership/application/index', { id: a.id }) })}
            data-testid={`my-application-${a.id}`}
          >
            <StateTag caseType="membership_application" state={a.state} label={a.stateLabel} />
            <Text className="list-item__title">{a.organization.name}</Text>
            <Text className="muted">
              {formatDate(a.submittedAt)} 提交{a.deadline ? ` · ${deadlineText(a.deadline)}` : ''}
            </Text>
          </View>
        ))}
        <LoadMore list={mine} testId="my-applications-more" />
      </View>

      <View className="card">
        <Text className="card__title">困难帮扶</Text>
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => void Taro.navigateTo({ url: '/pages/hardship/mine/index' })}
          data-testid="mine-hardship-applications"
        >
          我的帮扶申请
        </Button>
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => void Taro.navigateTo({ url: '/pages/hardship/file/index' })}
          data-testid="mine-hardship-file"
        >
          我的困难档案（帮扶记录、签收）
        </Button>
      </View>

      {isStaff || canVerify ? (
        <View className="card">
          <Text className="card__title">工作人员</Text>
          {isStaff ? (
            <Button
              block
              size="large"
              type="primary"
              className="big-button"
              onClick={() => void Taro.navigateTo({ url: '/staff/pages/workbench/index' })}
              data-testid="open-workbench"
            >
              工作台（待办）
            </Button>
          ) : null}
          {canVerify ? (
            <Button
              block
              size="large"
              className="big-button"
              onClick={() => void Taro.navigateTo({ url: '/staff/pages/verify/index' })}
              data-testid="open-verify"
            >
              核验会员证
            </Button>
          ) : null}
        </View>
      ) : null}

      <View className="card">
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => void Taro.navigateTo({ url: '/pages/invite/index' })}
          data-testid="open-invite"
        >
          输入邀请码（工会工作人员）
        </Button>
        <Button block size="large" className="big-button" onClick={() => void doLogout()} data-testid="logout">
          退出登录
        </Button>
      </View>
    </View>
  );
}
