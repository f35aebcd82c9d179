import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { route } from '../utils/nav';

/** Shown when the server answered consent_required: the privacy notice first (once), then back here. */
export function NoticeNeeded({ testId }: { testId: string }) {
  return (
    <Button
      block
      size="large"
      className="big-button"
      onClick={() => void Taro.navigateTo({ url: route('/pages/membership/consent/index', { back: 1 }) })}
      data-testid={testId}
    >
      先阅读并同意《个人信息保护告知》（只需一次）
    </Button>
  );
}
