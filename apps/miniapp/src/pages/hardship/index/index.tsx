import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useLoader } from '../../../hooks/useLoader';
import { isTerminalState } from '@union/shared';
import { campaignsApi, hardshipApi, hardshipFilesApi } from '../../../services/api/hardship';
import { loadLocalHardshipDraft } from '../../../services/hardshipDraft';
import { route } from '../../../utils/nav';
import { useLoggedIn } from '../../../hooks/useLoggedIn';

/** The entry to hardship assistance: what it is, the self-test, apply (or continue), my applications and file. */
export default function HardshipHome() {
  const loggedIn = useLoggedIn();
  // The first page of each list: an open application, the file in force and the running campaigns are the newest.
  const { data } = useLoader(async () => {
    const [mine, files, serverDraft, campaigns] = await Promise.all([
      hardshipApi.mine(),
      hardshipFilesApi.mine().catch(() => ({ items: [] })),
      hardshipApi.getDraft().catch(() => null),
      campaignsApi.list().catch(() => ({ items: [] })),
    ]);
    return { mine: mine.items, files: files.items, hasServerDraft: !!serverDraft, campaigns: campaigns.items.filter((c) => c.open) };
  }, loggedIn);

  const open = data?.mine.find((a) => !isTerminalState('hardship_application', a.state)) ?? null;
  const hasDraft = !!loadLocalHardshipDraft() || !!data?.hasServerDraft;
  const toSign = (data?.files ?? []).reduce((n, f) => n + f.aid.filter((a) => a.state === 'paid').length, 0);
  const nav = (url: string) => void Taro.navigateTo({ url });
  const filed = (data?.files ?? []).some((f) => f.status === 'active');

  return (
    <View className="page" data-testid="hs-home">
      <View className="card">
        <Text className="card__title">困难职工帮扶</Text>
        <Text className="paragraph">
          因病、因残、因灾、失业或收入低，家里生活有困难的职工，可以向工会申请帮扶。认定后工会为您家建立困难档案，按规定发放生活、医疗、助学等帮扶，款项实名打到您的银行卡。
        </Text>
        <Text className="muted">
          办理步骤：网上申请 → 基层工会初审 → 上门了解情况 → 民主评议 → 公示 → 乡镇(行业)工会审核 → 县总工会批准建档 → 发放，您签收。
        </Text>
      </View>

      {(data?.campaigns ?? []).map((c) => (
        <View className="card card--highlight" key={c.id} data-testid={`hs-campaign-${c.id}`}>
          <Text className="card__title">
            {c.kindLabel}：{c.title}
          </Text>
          <Text className="muted">
            {c.startsOn} 至 {c.endsOn}。{c.eligibility}
          </Text>
          {c.kind === 'autumn_school_grant' ? (
            filed ? (
              <Button
                block
                size="large"
                type="primary"
                className="big-button"
                onClick={() => nav(route('/pages/hardship/grant/index', { campaignId: c.id }))}
                data-testid={`hs-grant-apply-${c.id}`}
              >
                为孩子申请金秋助学
              </Button>
            ) : (
              <Text className="paragraph">金秋助学面向已建困难档案的职工家庭。家里有困难，请先申请困难帮扶。</Text>
            )
          ) : (
            <Text className="paragraph">不用申请：工会从在档困难家庭中选定后，会通知您并实名发放。</Text>
          )}
        </View>
      ))}

      <View className="card">
        <Text className="card__title">不知道够不够条件？</Text>
        <Text className="muted">回答 6 个问题，马上告诉您可能属于哪一类。不用登录，回答不会保存。</Text>
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => nav('/pages/hardship/self-test/index')}
          data-testid="hs-open-selftest"
        >
          先做个自测
        </Button>
      </View>

      <View className="card">
        {open ? (
          <View>
            <Text className="paragraph">
              您的申请：{open.stateLabel}。{open.nextStep}
            </Text>
            <Button
              block
              size="large"
              type="primary"
              className="big-button"
              onClick={() => nav(route('/pages/hardship/application/index', { id: open.id }))}
              data-testid="hs-open-current"
            >
              查看办理进度
            </Button>
          </View>
        ) : (
          <View>
            <Text className="muted">
              {hasDraft ? '您有一份没填完的申请，接着填就行。' : '大约需要 10 分钟。填写的内容会自动保存，可以分几次填完。'}
            </Text>
            <Button
              block
              size="large"
              type="primary"
              className="big-button"
              onClick={() => nav('/pages/hardship/apply/index')}
              data-testid="hs-open-apply"
            >
              {hasDraft ? '继续填写申请' : '申请帮扶'}
            </Button>
          </View>
        )}
        <Button block size="large" className="big-button" onClick={() => nav('/pages/hardship/mine/index')} data-testid="hs-open-mine">
          我的帮扶申请
        </Button>
        <Button block size="large" className="big-button" onClick={() => nav('/pages/hardship/file/index')} data-testid="hs-open-files">
          我的困难档案{toSign ? `（${toSign} 笔待签收）` : ''}
        </Button>
      </View>

      <View className="card">
        <Text className="card__title">困难帮扶公示</Text>
        <Text className="muted">正在公示的帮扶对象（姓名已遮挡）。认为有不符合条件的，可以实名提出异议。</Text>
        <Button
          block
          size="large"
          className="big-button"
          onClick={() => nav('/pages/hardship/notices/index')}
          data-testid="hs-open-notices"
        >
          查看公示
        </Button>
      </View>
    </View>
  );
}
