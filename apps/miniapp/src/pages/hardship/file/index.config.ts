export default definePageConfig({ navigationBarTitleText: '我的困难档案' });
