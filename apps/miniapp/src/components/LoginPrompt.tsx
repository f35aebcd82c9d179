import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { currentPageUrl, loginRoute } from '../utils/nav';

/** Shown where a page needs a logged-in user. */
export function LoginPrompt({ text }: { text?: string }) {
  return (
    <View className="card center">
      <Text className="paragraph">{text ?? '登录后才能办理和查看进度。'}</Text>
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        onClick={() => void Taro.navigateTo({ url: loginRoute(currentPageUrl()) })}
        data-testid="go-login"
      >
        去登录
      </Button>
    </View>
  );
}
