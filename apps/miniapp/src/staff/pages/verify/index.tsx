import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CardVerification } from '@union/shared';
import { cardApi } from '../../../services/api/membership';
import { showError } from '../../../utils/feedback';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** The QR code may carry the bare token or a URL with `token=`; accept both. */
function extractToken(text: string): string {
  const trimmed = text.trim();
  const match = /[?&]token=([^&#\s]+)/.exec(trimmed);
  return match ? decodeURIComponent(match[1]) : trimmed;
}

export default function Verify() {
  const [token, setToken] = useState('');
  const [result, setResult] = useState<CardVerification | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (raw: string) => {
    const t = extractToken(raw);
    if (!t) return;
    setBusy(true);
    setResult(null);
    try {
      setResult(await cardApi.verify(t));
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
      setToken(res.result);
      await check(res.result);
    } catch {
      // The user closed the scanner; nothing to do.
    }
  };

  return (
    <View className="page" data-testid="verify-page">
      <View className="card">
        <Text className="card__title">核验会员证</Text>
        <Text className="muted">{isWeapp ? '扫会员出示的二维码，或粘贴二维码内容。' : '粘贴二维码里的内容（会员证令牌）。'}</Text>
        {isWeapp ? (
          <Button block size="large" type="primary" className="big-button" onClick={() => void scan()} data-testid="verify-scan">
            扫一扫
          </Button>
        ) : null}
        <Textarea
          className="field__textarea"
          value={token}
          maxlength={4000}
          placeholder="粘贴会员证令牌"
          onInput={(e) => setToken(e.detail.value)}
          data-testid="verify-token"
        />
        <Button
          block
          size="large"
          type={isWeapp ? 'default' : 'primary'}
          className="big-button"
          disabled={busy || !token.trim()}
          onClick={() => void check(token)}
          data-testid="verify-submit"
        >
          核验
        </Button>
      </View>
      {result ? (
        <View className="card" data-testid="verify-result" data-result={result.result}>
          <Text className={result.result === 'valid' ? 'card__title' : 'card__title danger-text'}>{result.resultLabel}</Text>
          {result.memberNo ? <Text className="paragraph">会员号：{result.memberNo}</Text> : null}
          {result.realNameMasked ? <Text className="paragraph">姓名：{result.realNameMasked}</Text> : null}
          {result.organizationName ? <Text className="paragraph">所在工会：{result.organizationName}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
