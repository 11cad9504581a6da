import type { PropsWithChildren } from 'react';
import './app.scss';

// The app shell: pages render as children. Session state hydrates from
// storage when stores/session.store is first imported (synchronously).
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
