import { type PropsWithChildren } from 'react';
// NutUI styles, one file per component we use (never the whole stylesheet).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import './app.scss';

export default function App({ children }: PropsWithChildren) {
  return children;
}
