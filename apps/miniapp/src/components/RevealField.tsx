import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { firstProblem, revealReason, type HardshipRevealRequest } from '@union/shared';
import { hardshipApi } from '../services/api/hardship';
import { showError, toast } from '../utils/feedback';

type RevealFieldProps = {
  id: number;
  label: string;
} & (
  | { subject: HardshipRevealRequest['subject']; field: HardshipRevealRequest['field']; reveal?: undefined }
  | { subject: string; field: string; /** Another domain's audited reveal. */ reveal: (reason: string) => Promise<{ value: string }> }
);

/** A 查看 button for one sensitive value: the cadre writes why, the server records it, then shows it. */
export function RevealField(props: RevealFieldProps) {
  const { subject, id, field, label } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const testId = `reveal-${subject}-${id}-${field}`;

  const reveal = async () => {
    const problem = firstProblem(revealReason, reason);
    if (problem) {
      toast(problem);
      return;
    }
    setBusy(true);
    try {
      const result = props.reveal
        ? await props.reveal(reason.trim())
        : await hardshipApi.reveal({ subject: props.subject, id, field: props.field, reason: reason.trim() });
      setValue(result.value || '（没有填写）');
      setOpen(false);
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (value !== null)
    return (
      <View className="reveal">
        <Text className="reveal__label">{label}：</Text>
        <Text className="reveal__value" data-testid={`${testId}-value`}>
          {value}
        </Text>
      </View>
    );
  if (!open)
    return (
      <View className="reveal">
        <Text className="reveal__label">{label}</Text>
        <Text className="link" onClick={() => setOpen(true)} data-testid={testId}>
          查看
        </Text>
      </View>
    );
  return (
    <View className="action-form">
      <Text className="paragraph">查看“{label}”会被记录。请写明原因：</Text>
      <Input
        className="field__input"
        value={reason}
        placeholder="例如：核实医疗救助金额"
        onInput={(e) => setReason(e.detail.value)}
        data-testid={`${testId}-reason`}
      />
      <Button
        block
        size="large"
        type="primary"
        className="big-button"
        disabled={busy}
        onClick={() => void reveal()}
        data-testid={`${testId}-confirm`}
      >
        查看
      </Button>
      <Button block size="large" className="big-button" onClick={() => setOpen(false)}>
        取消
      </Button>
    </View>
  );
}
