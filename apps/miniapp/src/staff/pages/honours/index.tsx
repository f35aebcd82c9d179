import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { checkAgainst, createNominationBody, type HonourKindView, type UploadView } from '@union/shared';
import { Choice } from '../../../components/Choice';
import { Field } from '../../../components/Field';
import { PageStatus } from '../../../components/PageStatus';
import { StateTag } from '../../../components/StateTag';
import { UploadBox } from '../../../components/UploadBox';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { useLoader } from '../../../hooks/useLoader';
import { meApi } from '../../../services/api/me';
import { honoursApi } from '../../../services/api/honours';
import { errorMessage } from '../../../utils/feedback';

import { route } from '../../../utils/nav';
import { chinaToday } from '../../../utils/format';

/** Nominations of the union's scope (the county sees all) and a new nomination with its materials. */
export default function Honours() {
  const { data, error } = useLoader(async () => {
    const [me, kinds] = await Promise.all([meApi.get(), honoursApi.kinds()]);
    return { me, kinds };
  });
  const list = usePaged((after) => honoursApi.list(after));
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<HonourKindView | null>(null);
  const [nominee, setNominee] = useState('');
  const [employer, setEmployer] = useState('');
  const [deeds, setDeeds] = useState('');
  const [materials, setMaterials] = useState<UploadView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!data) return <PageStatus error={error} />;
  const county = data.me.permissions.includes('honour.manage') && data.me.organization?.kind === 'county_federation';

  const save = async () => {
    // The request's own schema: its messages (the server's too) are the ones shown.
    const checked = checkAgainst(createNominationBody, {
      kindId: kind?.id,
      nomineeName: nominee.trim(),
      employerName: employer.trim(),
      deeds: deeds.trim(),
      year: Number(chinaToday().slice(0, 4)),
      uploadIds: materials.map((m) => m.id),
    });
    if (!checked.ok) return setProblem(Object.values(checked.problems)[0] ?? null);
    setBusy(true);
    setProblem(null);
    try {
      const created = await honoursApi.nominate(checked.value);
      setAdding(false);
      await Taro.navigateTo({ url: route('/staff/pages/honour/index', { id: created.id }) });
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (adding) {
    return (
      <View className="page" data-testid="nomination-new">
        <View className="card">
          {data.kinds.map((k) => (
            <Choice
              key={k.id}
              title={k.name}
              selected={kind?.id === k.id}
              onSelect={() => setKind(k)}
              testId={`nomination-kind-${k.code}`}
            />
          ))}
          <Field label="被推荐的个人、班组或工会" value={nominee} onChange={setNominee} testId="nomination-nominee" />
          <Field
            label="所在单位"
            value={employer}
            onChange={setEmployer}
            hint="存在拖欠工资、未建工会或近三年重大安全事故的单位不能参评"
            testId="nomination-employer"
          />
          <Text className="field__label">主要事迹</Text>
          <Textarea
            className="field__textarea"
            value={deeds}
            maxlength={5000}
            onInput={(e) => setDeeds(e.detail.value)}
            data-testid="nomination-deeds"
          />
          <UploadBox
            purpose="other"
            label="推荐材料（推荐表、证明等）"
            uploads={materials}
            onAdd={(u) => setMaterials((l) => [...l, u])}
            onRemove={(id) => setMaterials((l) => l.filter((u) => u.id !== id))}
            testId="nomination-materials"
          />
          {problem ? <Text className="field__error">{problem}</Text> : null}
          <Button
            block
            size="large"
            type="primary"
            className="big-button"
            loading={busy}
            onClick={() => void save()}
            data-testid="nomination-save"
          >
            提交推荐
          </Button>
          <Button block size="large" className="big-button" onClick={() => setAdding(false)}>
            取消
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="page" data-testid="honours-page">
      <Button block size="large" type="primary" className="big-button" onClick={() => setAdding(true)} data-testid="nomination-add">
        推荐
      </Button>
      {county ? (
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => void Taro.navigateTo({ url: '/staff/pages/model-workers/index' })}
          data-testid="open-model-workers"
        >
          劳模档案（体检、慰问、补助）
        </Button>
      ) : null}
      {list.items.map((n) => (
        <View
          key={n.id}
          className="list-item"
          onClick={() => void Taro.navigateTo({ url: route('/staff/pages/honour/index', { id: n.id }) })}
          data-testid={`nomination-${n.id}`}
        >
          <View className="row">
            <Text className="list-item__title">
              {n.kindName} · {n.nomineeName}
            </Text>
            <StateTag caseType="honour_nomination" state={n.state} label={n.stateLabel} />
          </View>
          <Text className="muted">
            {n.employerName} · {n.nominatedByName} 推荐 · {n.year} 年{n.excludedReason ? ' · 单位不能参评' : ''}
          </Text>
        </View>
      ))}
      <LoadMore list={list} testId="nominations-more" />
    </View>
  );
}
