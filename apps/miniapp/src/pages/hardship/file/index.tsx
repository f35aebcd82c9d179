import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AssistanceRecordView, HardshipFileView } from '@union/shared';
import { Household } from '../../../components/Household';
import { LoginPrompt } from '../../../components/LoginPrompt';
import { StateTag } from '../../../components/StateTag';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { casesApi } from '../../../services/api/cases';
import { hardshipFilesApi } from '../../../services/api/hardship';
import { showError, toast } from '../../../utils/feedback';
import { formatDate } from '../../../utils/format';
import { yuan } from '../../../utils/money';
import { numberParam } from '../../../utils/nav';
import { useLoggedIn } from '../../../hooks/useLoggedIn';

/** My filed household(s): aid received, this year's amounts against the ceilings, receipts to sign. */
export default function MyHardshipFile() {
  const loggedIn = useLoggedIn();
  const id = numberParam(useRouter().params.id);
  // One file (from a link), or my files a page at a time.
  const list = usePaged(
    async (after) => (id ? { items: [await hardshipFilesApi.get(id)], nextCursor: null } : hardshipFilesApi.mine(after)),
    loggedIn,
  );

  if (!loggedIn)
    return (
      <View className="page">
        <LoginPrompt />
      </View>
    );
  return (
    <View className="page" data-testid="hs-file-page">
      {list.error ? <Text className="paragraph">{list.error}</Text> : null}
      {!list.loaded ? <Text className="muted">正在读取…</Text> : null}
      {list.loaded && !list.error && list.items.length === 0 ? (
        <View className="card center">
          <Text className="paragraph">您家还没有困难档案。申请批准后，县总工会会为您家建档，帮扶发放的记录会出现在这里。</Text>
        </View>
      ) : null}
      {list.items.map((f) => (
        <FileCard key={f.id} file={f} onChanged={list.reload} />
      ))}
      <LoadMore list={list} testId="hs-files-more" />
    </View>
  );
}

function FileCard({ file, onChanged }: { file: HardshipFileView; onChanged: () => Promise<void> }) {
  const toSign = file.aid.filter((a) => a.state === 'paid');
  const used = file.thisYear.filter((y) => y.ceilingFen > 0 || y.usedFen > 0);
  return (
    <View data-testid={`hs-file-${file.id}`}>
      <View className="card">
        <Text className="card__title">困难档案 {file.fileNo}</Text>
        <Text className="paragraph">
          {file.categoryLabel}职工家庭 · {file.stateLabel}
        </Text>
        {file.closedAt ? (
          <Text className="paragraph">
            {formatDate(file.closedAt)} 关闭档案{file.closeReasonLabel ? `：${file.closeReasonLabel}` : ''}。
          </Text>
        ) : null}
        <Text className="muted">
          {formatDate(file.filedAt)} 建档，{file.organization.name}。
          {file.recheckDueAt ? `${formatDate(file.recheckDueAt)} 前工会会上门复核一次。` : ''}
        </Text>
        {toSign.length ? (
          <Text className="next-step">有 {toSign.length} 笔帮扶已发放，请核对到账后在下面点“确认签收”。</Text>
        ) : (
          <Text className="next-step">有新的帮扶批准或发放时，会在“消息”里通知您。</Text>
        )}
      </View>

      <View className="card">
        <Text className="card__title">帮扶记录</Text>
        {file.aid.length === 0 ? <Text className="muted">还没有帮扶记录。</Text> : null}
        {file.aid.map((a) => (
          <AidRow key={a.id} aid={a} onChanged={onChanged} />
        ))}
      </View>

      <View className="card" data-testid="hs-this-year">
        <Text className="card__title">今年已批准的帮扶</Text>
        {used.map((y) => (
          <View className="row" key={y.aidType}>
            <Text className="row__label">{y.aidTypeLabel}</Text>
            <Text className="row__value">
              {yuan(y.usedFen)} / 上限 {yuan(y.ceilingFen)}
            </Text>
          </View>
        ))}
      </View>

      <View className="card">
        <Text className="card__title">家庭成员</Text>
        <Household members={file.members} />
      </View>
    </View>
  );
}

/** One aid payment; a paid one can be signed for here (the same as signing the paper receipt). */
function AidRow({ aid, onChanged }: { aid: AssistanceRecordView; onChanged: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const sign = async () => {
    setBusy(true);
    try {
      await casesApi.transition(aid.caseId, { action: 'sign', version: aid.version });
      toast('已确认签收');
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
      setConfirming(false);
      await onChanged();
    }
  };

  return (
    <View className="list-item" data-testid={`hs-aid-${aid.id}`}>
      <StateTag caseType="assistance_record" state={aid.state} label={aid.stateLabel} />
      <Text className="list-item__title">
        {aid.aidTypeLabel} {yuan(aid.amountFen)}
      </Text>
      <Text className="muted">
        {formatDate(aid.approvedAt)} 批准 · {aid.fundSource}
      </Text>
      {aid.paidAt ? (
        <Text className="muted">
          {formatDate(aid.paidAt)} 发放{aid.paymentReference ? ` · 凭证号 ${aid.paymentReference}` : ''}
        </Text>
      ) : null}
      {aid.signedAt ? (
        <Text className="muted">
          {formatDate(aid.signedAt)} {aid.signMethod === 'paper_form' ? '已签纸质签收单' : '已在小程序确认签收'}
        </Text>
      ) : null}
      {aid.state === 'approved' ? <Text className="muted">县总工会将按实名发放到您申请时填写的银行卡。</Text> : null}
      {aid.state === 'paid' && !confirming ? (
        <Button
          block
          size="large"
          type="primary"
          className="big-button"
          onClick={() => setConfirming(true)}
          data-testid={`hs-sign-${aid.id}`}
        >
          确认签收
        </Button>
      ) : null}
      {aid.state === 'paid' && confirming ? (
        <View className="action-form">
          <Text className="paragraph">请先核对银行卡到账 {yuan(aid.amountFen)}。确认已收到这笔帮扶吗？</Text>
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            disabled={busy}
            onClick={() => void sign()}
            data-testid={`hs-sign-confirm-${aid.id}`}
          >
            确认已收到
          </Button>
          <Button block size="large" className="big-button" onClick={() => setConfirming(false)}>
            还没到账，先不签
          </Button>
        </View>
      ) : null}
    </View>
  );
}
