import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { LoginPrompt } from '../../../components/LoginPrompt';
import { StateTag } from '../../../components/StateTag';
import { useLoader } from '../../../hooks/useLoader';
import { hardshipApi } from '../../../services/api/hardship';
import { isLoggedIn } from '../../../services/tokens';
import { deadlineText, formatDate } from '../../../utils/format';
import { route } from '../../../utils/nav';

/** All my hardship applications, newest first. */
export default function MyHardshipApplications() {
  const loggedIn = isLoggedIn();
  const { data, error } = useLoader(() => hardshipApi.mine(), loggedIn);

  if (!loggedIn)
    return (
      <View className="page">
        <LoginPrompt />
      </View>
    );
  return (
    <View className="page" data-testid="hs-mine-page">
      {error ? <Text className="paragraph">{error}</Text> : null}
      {!data && !error ? <Text className="muted">正在读取…</Text> : null}
      {data && data.length === 0 ? (
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
      {(data ?? []).map((a) => (
        <View
          key={a.id}
          className="list-item"
          onClick={() => void Taro.navigateTo({ url: route('/pages/hardship/application/index', { id: a.id }) })}
          data-testid={`hs-my-application-${a.id}`}
        >
          <StateTag state={a.state} label={a.stateLabel} />
          <Text className="list-item__title">{formatDate(a.submittedAt)} 提交的帮扶申请</Text>
          <Text className="muted">
            现在由 {a.holderName} 办理{a.deadline ? ` · ${deadlineText(a.deadline)}` : ''}
          </Text>
          <Text className="muted">{a.nextStep}</Text>
        </View>
      ))}
    </View>
  );
}
