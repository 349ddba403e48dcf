import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Link } from './components/Link';
import { SearchBox } from './components/SearchBox';
import { useRoute } from './hooks/useRoute';
import type { Route } from './routes';
import { HomeView } from './views/HomeView';
import { IonPage } from './views/IonPage';
import { LineageView } from './views/LineageView';
import { ModelVersionPage } from './views/ModelVersionPage';
import { SearchView } from './views/SearchView';
import { WhyView } from './views/WhyView';

/** A rendering error shows a message (and the way home), never a blank page. */
class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  override state: { error: Error | null; key: string } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="status error" role="alert">
          <strong>This view failed to render.</strong> {this.state.error.message} <Link to="/">Back to search</Link>
        </div>
      );
    }
    return this.props.children;
  }
}

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'home':
      return <HomeView />;
    case 'search':
      return <SearchView q={route.q} />;
    case 'why':
      return <WhyView key={route.predictionId} target={{ predictionId: route.predictionId }} />;
    case 'why-subject':
      return <WhyView target={{ subjectKey: route.subjectKey, at: route.at }} />;
    case 'lineage':
      return <LineageView key={route.nodeId} nodeId={route.nodeId} />;
    case 'model-version':
      return <ModelVersionPage id={route.id} />;
    case 'ion':
      return <IonPage id={route.id} />;
    case 'not-found':
      return (
        <p role="alert">
          There is no page at <code>{route.path}</code>. <Link to="/">Back to search</Link>
        </p>
      );
  }
}

export function App() {
  const { route } = useRoute();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          ION Lineage
        </Link>
        {route.view !== 'home' && <SearchBox key={route.view === 'search' ? route.q : 'search'} initial={route.view === 'search' ? route.q : ''} />}
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={JSON.stringify(route)}>
          <View route={route} />
        </ErrorBoundary>
      </main>
    </>
  );
}
