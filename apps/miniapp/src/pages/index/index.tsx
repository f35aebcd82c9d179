import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { isValidIdNumber } from '@union/shared';

export default function Index() {
  return (
    <View>
      <Text>你好 {String(isValidIdNumber('x'))}</Text>
      <Button type="primary">入会</Button>
    </View>
  );
}
