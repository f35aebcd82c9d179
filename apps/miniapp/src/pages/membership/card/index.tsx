import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { LoginPrompt } from '../../../components/LoginPrompt';
import { StateTag } from '../../../components/StateTag';
import { useLoader } from '../../../hooks/useLoader';
import { cardApi, transfersApi } from '../../../services/api/membership';
import { isApiError } from '../../../services/request';
import { showError } from '../../../utils/feedback';
import { deadlineText, formatDate, formatDateTime } from '../../../utils/format';
import { route } from '../../../utils/nav';
import { useLoggedIn } from '../../../hooks/useLoggedIn';
import { imageAlt } from '../../../utils/a11y';

export default function Card() {
  const loggedIn = useLoggedIn();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { data, error, reload, loading } = useLoader(async () => {
    try {
      const card = await cardApi.mine();
      const transfer = card.pendingTransferId ? await transfersApi.get(card.pendingTransferId) : null;
      return { ...card, transfer };
    } catch (e) {
      if (isApiError(e, 'not_a_member')) return null;
      throw e;
    }
  }, loggedIn);

  const withdraw = async () => {
    setBusy(true);
    try {
      await cardApi.withdraw(reason.trim() || undefined);
      await Taro.showModal({
        title: '已退会',
        content: '您的会籍已注销。以后想再加入，可以在首页重新申请入会。',
        showCancel: false,
        confirmText: '知道了',
      });
      await Taro.switchTab({ url: '/pages/mine/index' });
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!loggedIn)
    return (
      <View className="page">
        <LoginPrompt />
      </View>
    );
  if (error)
    return (
      <View className="page">
        <View className="card">
          <Text className="paragraph">{error}</Text>
        </View>
      </View>
    );
  if (!data) {
    return (
      <View className="page">
        <View className="card">
          <Text className="paragraph">{loading ? '正在读取…' : '您还不是会员。入会申请批准后，这里会出现您的电子会员证。'}</Text>
        </View>
      </View>
    );
  }

  const transfer = data.transfer;
  return (
    <View className="page">
      <View className="member-card" data-testid="member-card">
        <Text className="member-card__title">中华全国总工会 会员证</Text>
        <Text className="member-card__row">姓名：{data.realName}</Text>
        <Text className="member-card__row" data-testid="member-no">
          会员号：{data.memberNo}
        </Text>
        <Text className="member-card__row">身份证：{data.idNumberMasked}</Text>
        <Text className="member-card__row">所在工会：{data.organization.name}</Text>
        <Text className="member-card__row">入会日期：{formatDate(data.joinedAt)}</Text>
        {data.status === 'withdrawn' ? <Text className="member-card__row">状态：已退会</Text> : null}
      </View>
      <View className="card center">
        <Image className="qr" src={data.qrDataUrl} mode="scaleToFill" data-testid="member-qr" {...imageAlt('电子会员证二维码')} />
        <Text className="muted">出示二维码给工会工作人员扫一扫即可核验。二维码 {formatDateTime(data.cardTokenExpiresAt)} 前有效。</Text>
        <Button block size="large" className="big-button" onClick={() => void reload()} data-testid="card-refresh">
          刷新二维码
        </Button>
      </View>
      {transfer ? (
        <View
          className="card"
          onClick={() => void Taro.navigateTo({ url: route('/pages/membership/transfer/index', { id: transfer.id }) })}
          data-testid="pending-transfer"
        >
          <Text className="card__title">会籍接转办理中</Text>
          <StateTag caseType="membership_transfer" state={transfer.state} label={transfer.stateLabel} />
          <Text className="paragraph">转到：{transfer.toOrganization.name}</Text>
          <Text className="muted">
            {transfer.nextStep} {deadlineText(transfer.deadline)}（点这里看详情）
          </Text>
        </View>
      ) : data.status === 'active' ? (
        <View className="card">
          <Text className="card__title">换了工作？</Text>
          <Text className="muted">换单位或搬家后，可以把会籍转到新的工会，不用重新入会。</Text>
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            onClick={() => void Taro.navigateTo({ url: '/pages/membership/transfer/index' })}
            data-testid="go-transfer"
          >
            申请会籍接转
          </Button>
        </View>
      ) : null}
      {data.status === 'active' ? (
        <View className="card">
          {!withdrawing ? (
            <Button
              block
              size="large"
              type="danger"
              fill="outline"
              className="big-button"
              onClick={() => setWithdrawing(true)}
              data-testid="withdraw-start"
            >
              退出工会
            </Button>
          ) : (
            <View>
              <Text className="card__title">确定要退出工会吗？</Text>
              <Text className="paragraph">退会后会员证立即失效，不能再享受会员服务。以后可以重新申请入会。</Text>
              <Text className="field__label">退会原因（可以不写）</Text>
              <Textarea className="field__textarea" value={reason} maxlength={200} onInput={(e) => setReason(e.detail.value)} />
              <Button
                block
                size="large"
                type="danger"
                className="big-button"
                disabled={busy}
                onClick={() => void withdraw()}
                data-testid="withdraw-confirm"
              >
                确定退会
              </Button>
              <Button block size="large" className="big-button" onClick={() => setWithdrawing(false)}>
                先不退了
              </Button>
            </View>
          )}
        </View>
      ) : null}
    </View>
  );
}
