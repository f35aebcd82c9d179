import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ConsentCheck } from '../../../components/ConsentCheck';
import { CONSENT_VERSIONS, type MeView } from '@union/shared';
import { meApi } from '../../../services/api/me';
import { showError } from '../../../utils/feedback';
import { scrollableRegion } from '../../../utils/a11y';

function hasConsent(me: MeView, kind: 'privacy_notice' | 'sensitive_data'): boolean {
  return me.consents.some((c) => c.kind === kind && c.version === CONSENT_VERSIONS[kind]);
}

/** Two separate consents before any personal data is typed: the notice, then sensitive data. */
export default function Consent() {
  // Opened from another form (e.g. the hardship application) with back=1: return there afterwards.
  const returnBack = useRouter().params.back === '1';
  const [privacy, setPrivacy] = useState(false);
  const [sensitive, setSensitive] = useState(false);
  const [busy, setBusy] = useState(false);

  const accept = async () => {
    setBusy(true);
    try {
      let me = await meApi.get();
      if (!hasConsent(me, 'privacy_notice')) me = await meApi.recordConsent('privacy_notice', CONSENT_VERSIONS.privacy_notice);
      if (!hasConsent(me, 'sensitive_data')) await meApi.recordConsent('sensitive_data', CONSENT_VERSIONS.sensitive_data);
      if (returnBack) await Taro.navigateBack();
      else await Taro.redirectTo({ url: '/pages/membership/apply/index' });
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page">
      <View className="card">
        <Text className="card__title">填表前，请先看一看</Text>
        <ScrollView
          scrollY
          className="notice"
          style={{ maxHeight: '50vh' }}
          data-testid="privacy-notice"
          {...scrollableRegion('个人信息保护告知')}
        >
          <Text className="paragraph">县总工会收集您的姓名、身份证号码、手机号码和工作单位，只用于办理入会、会籍接转和会员服务。</Text>
          <Text className="paragraph">
            只有受理您申请的工会工作人员能看到这些信息；身份证号码和手机号码平时只显示部分数字，
            工作人员查看完整号码时必须写明原因，并被记录下来。
          </Text>
          <Text className="paragraph">如果您选择“不告诉单位”，您所在单位的工会看不到您的申请，由上级工会直接办理。</Text>
          <Text className="paragraph">您可以随时在“我的”里查看自己的信息；退会后，我们按规定期限保存后删除。</Text>
        </ScrollView>
      </View>
      <View className="card">
        <View className="checkbox-row" data-testid="consent-privacy">
          <ConsentCheck checked={privacy} onChange={(v: boolean) => setPrivacy(v)} label="我已阅读并同意《个人信息保护告知》" />
        </View>
        <View className="checkbox-row" data-testid="consent-sensitive">
          <ConsentCheck
            checked={sensitive}
            onChange={(v: boolean) => setSensitive(v)}
            label="我单独同意工会处理我的身份证号码（敏感个人信息），只用于办理入会"
          />
        </View>
        <Text className="muted">{returnBack ? '两项都勾选后，回到刚才的表格继续填写。' : '两项都勾选后，下一步填写入会信息。'}</Text>
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          disabled={!privacy || !sensitive || busy}
          onClick={() => void accept()}
          data-testid="consent-accept"
        >
          {returnBack ? '同意，回去继续' : '同意，开始填写'}
        </Button>
      </View>
    </View>
  );
}
