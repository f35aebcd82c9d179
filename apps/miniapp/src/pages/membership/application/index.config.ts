export default definePageConfig({ navigationBarTitleText: '我的入会申请' });
