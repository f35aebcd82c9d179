export default definePageConfig({ navigationBarTitleText: '申请困难帮扶' });
