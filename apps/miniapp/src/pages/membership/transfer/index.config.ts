export default definePageConfig({ navigationBarTitleText: '会籍接转' });
