import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { UploadPurpose, UploadView } from '@union/shared';
import { openUpload, pickAndUpload } from '../services/uploader';
import { showError } from '../utils/feedback';

interface UploadBoxProps {
  purpose: UploadPurpose;
  label: string;
  hint?: string;
  uploads: UploadView[];
  onAdd: (upload: UploadView) => void;
  onRemove?: (id: number) => void;
  testId: string;
}

/** One kind of material: what is already uploaded, and a big button to take or pick photos. */
export function UploadBox({ purpose, label, hint, uploads, onAdd, onRemove, testId }: UploadBoxProps) {
  const [busy, setBusy] = useState(false);
  const mine = uploads.filter((u) => u.purpose === purpose);

  const add = async () => {
    setBusy(true);
    try {
      await pickAndUpload(purpose, onAdd);
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="upload-box" data-testid={testId}>
      <Text className="field__label">{label}</Text>
      {hint ? <Text className="field__hint">{hint}</Text> : null}
      {mine.map((u, i) => (
        <View key={u.id} className="row" data-testid={`${testId}-item`}>
          <Text className="row__label" onClick={() => void openUpload(u).catch(showError)}>
            {u.kind === 'pdf' ? '文件' : '照片'} {i + 1}（已上传，点一下查看）
          </Text>
          {onRemove ? (
            <Text className="link-danger" onClick={() => onRemove(u.id)}>
              删除
            </Text>
          ) : null}
        </View>
      ))}
      <Button block size="large" className="big-button" disabled={busy} onClick={() => void add()} data-testid={`${testId}-add`}>
        {busy ? '正在上传…' : mine.length ? '再拍一张或再选一张' : '拍照或从相册选择'}
      </Button>
    </View>
  );
}
