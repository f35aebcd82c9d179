import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { DemoPersona } from '@union/shared';
import { authApi } from '../../services/api/auth';
import { isApiError } from '../../services/request';
import { loginAsPersona, loginWithWechat } from '../../services/session';
import { errorMessage, showError } from '../../utils/feedback';
import { afterLogin } from '../../utils/nav';

const isH5 = process.env.TARO_ENV === 'h5';

export default function Login() {
  const [personas, setPersonas] = useState<DemoPersona[]>([]);
  const [notice, setNotice] = useState<string | null>(isH5 ? '正在读取演示账号…' : null);
  const [busy, setBusy] = useState(false);
  // The page the user was opening when asked to log in (it comes back as `then`).
  const then = useRouter().params.then;

  useEffect(() => {
    if (!isH5) return;
    authApi
      .demoPersonas()
      .then((list) => {
        setPersonas(list);
        setNotice(null);
      })
      .catch((e: unknown) =>
        setNotice(isApiError(e, 'demo_login_disabled') ? '网页版只用于演示，请在微信里打开“县总工会”小程序办理。' : errorMessage(e)),
      );
  }, []);

  const done = async () => {
    await Taro.showToast({ title: '登录成功', icon: 'success', duration: 1000 });
    await afterLogin(then ? decodeURIComponent(then) : undefined);
  };

  const run = async (login: () => Promise<void>) => {
    setBusy(true);
    try {
      await login();
      await done();
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page">
      <View className="card">
        <Text className="card__title">登录后办理</Text>
        <Text className="muted">登录后可以申请入会、查看进度、收到办理结果通知。</Text>
      </View>
      {isH5 ? (
        <View data-testid="persona-list">
          {notice ? <Text className="paragraph">{notice}</Text> : null}
          {personas.map((p) => (
            <View className="card persona" key={p.key}>
              <Text className="card__title">{p.label}</Text>
              <Text className="muted">{p.description}</Text>
              <Button
                block
                size="large"
                type="primary"
                className="big-button"
                disabled={busy}
                onClick={() => void run(() => loginAsPersona(p.key))}
                data-testid={`persona-${p.key}`}
              >
                以此身份进入
              </Button>
            </View>
          ))}
        </View>
      ) : (
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          disabled={busy}
          onClick={() => void run(loginWithWechat)}
          data-testid="wechat-login"
        >
          微信一键登录
        </Button>
      )}
    </View>
  );
}
