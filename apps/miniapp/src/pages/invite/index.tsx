import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { Field } from '../../components/Field';
import { LoginPrompt } from '../../components/LoginPrompt';
import { authApi } from '../../services/api/auth';
import { isLoggedIn } from '../../services/tokens';
import { showError } from '../../utils/feedback';

/** Staff bind their account to their union with a one-time code from the union. */
export default function Invite() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  const redeem = async () => {
    if (!code.trim()) return;
    setBusy(true);
    try {
      const me = await authApi.redeemInvitation(code.trim());
      await Taro.showModal({
        title: '绑定成功',
        content: `您已成为${me.organization?.name ?? '工会'}的工作人员，可以在“我的”里打开工作台。`,
        showCancel: false,
        confirmText: '好的',
      });
      await Taro.switchTab({ url: '/pages/mine/index' });
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!isLoggedIn())
    return (
      <View className="page">
        <LoginPrompt />
      </View>
    );
  return (
    <View className="page">
      <View className="card">
        <Text className="card__title">工会工作人员绑定</Text>
        <Text className="paragraph">邀请码由上级工会发给您，只能用一次。绑定后您可以在工作台办理入会申请。</Text>
        <Field label="邀请码" value={code} onChange={setCode} placeholder="请输入邀请码" testId="invite-code" />
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          disabled={busy || !code.trim()}
          onClick={() => void redeem()}
          data-testid="invite-submit"
        >
          绑定
        </Button>
      </View>
    </View>
  );
}
