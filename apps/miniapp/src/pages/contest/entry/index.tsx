import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageStatus } from '../../../components/PageStatus';
import { useLoader } from '../../../hooks/useLoader';
import { competitionsApi } from '../../../services/api/contest';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { numberParam, route } from '../../../utils/nav';
import { imageAlt } from '../../../utils/a11y';

const STATUS_LABEL = { registered: '已报名', checked_in: '已签到', withdrawn: '已退出' } as const;

/** My entry: the check-in code to show on the day, my result once published, and the certificate to save. */
export default function EntryPage() {
  const params = useRouter().params;
  const id = numberParam(params.id);
  const [certificate, setCertificate] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useLoader(async () => {
    if (!id) throw new Error('链接不完整');
    return competitionsApi.entry(id);
  });
  if (!data || !id) return <PageStatus error={error} />;

  const loadCertificate = async () => {
    setBusy(true);
    try {
      setCertificate((await competitionsApi.certificate(id)).dataUrl);
    } catch (e) {
      toast(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!certificate) return;
    if (process.env.TARO_ENV === 'weapp') {
      // The mini-program saves to the album from a local file.
      const path = `${Taro.env.USER_DATA_PATH}/certificate-${id}.png`;
      Taro.getFileSystemManager().writeFileSync(path, certificate.split(',')[1], 'base64');
      await Taro.saveImageToPhotosAlbum({ filePath: path })
        .then(() => toast('已保存到相册'))
        .catch(showError);
    } else {
      toast('长按证书图片即可保存或分享');
    }
  };

  const withdraw = async () => {
    const ok = await Taro.showModal({ title: '退出比赛', content: '退出后名额会留给别人，确定退出吗？' });
    if (!ok.confirm) return;
    try {
      await competitionsApi.withdraw(id);
      await reload();
    } catch (e) {
      await showError(e);
    }
  };

  return (
    <View className="page" data-testid="entry-page">
      {params.registered === '1' ? (
        <View className="card card--highlight" data-testid="entry-registered">
          <Text className="card__title">报名成功</Text>
          <Text className="paragraph">比赛当天向组织者出示下面的签到码。</Text>
        </View>
      ) : null}
      <View className="card">
        <Text className="card__title">{data.competitionTitle}</Text>
        <Text className="muted">
          {data.eventName} · {data.entrantName} · {STATUS_LABEL[data.status]}
        </Text>
        {data.members.length ? <Text className="muted">队员：{data.members.join('、')}</Text> : null}
      </View>
      {data.checkInQrDataUrl && data.checkInOpen && data.status === 'registered' ? (
        <View className="card center" data-testid="entry-checkin">
          <Text className="card__title">签到码</Text>
          <Image className="qr" src={data.checkInQrDataUrl} mode="scaleToFill" data-testid="entry-qr" {...imageAlt('签到二维码')} />
          <Text className="muted" data-testid="entry-code">
            比赛当天把这个二维码给工作人员扫一下就签到了。
          </Text>
        </View>
      ) : null}
      {data.rank !== null || data.revokedReason ? (
        <View className="card" data-testid="entry-result">
          <Text className="card__title" data-testid="entry-rank">
            {data.revokedReason ? `获奖已撤销：${data.revokedReason}` : data.rank ? `第 ${data.rank} 名` : '未排名'}
          </Text>
          {data.score !== null ? <Text className="paragraph">成绩 {data.score}</Text> : null}
          {data.awards.map((a) => (
            <Text key={a.title} className="paragraph" data-testid="entry-award">
              {a.title}
              {a.prize ? `（${a.prize}）` : ''}
            </Text>
          ))}
        </View>
      ) : null}
      {data.certificateAvailable ? (
        <View className="card center" data-testid="entry-certificate">
          {certificate ? (
            <>
              <Image
                src={certificate}
                mode="widthFix"
                style={{ width: '100%' }}
                showMenuByLongpress
                data-testid="certificate-image"
                {...imageAlt('获奖证书')}
              />
              <Button block size="large" type="primary" className="big-button" onClick={() => void save()} data-testid="certificate-save">
                保存证书
              </Button>
            </>
          ) : (
            <Button
              block
              size="large"
              type="primary"
              className="big-button"
              loading={busy}
              onClick={() => void loadCertificate()}
              data-testid="certificate-open"
            >
              查看电子证书
            </Button>
          )}
        </View>
      ) : null}
      {data.status === 'registered' && data.rank === null ? (
        <Button block size="large" className="big-button" onClick={() => void withdraw()} data-testid="entry-withdraw">
          退出比赛
        </Button>
      ) : null}
      <Button
        block
        size="large"
        className="big-button"
        onClick={() => void Taro.navigateTo({ url: route('/pages/contest/competition/index', { id: data.competitionId }) })}
      >
        查看比赛
      </Button>
    </View>
  );
}
