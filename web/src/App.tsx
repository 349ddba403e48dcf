import { Component, type ErrorInfo, type ReactNode } from 'react';
import { signOut } from './auth/session';
import { MeDocument } from './api/generated';
import { readClaims } from './auth/token';
import { Link } from './components/Link';
import { SearchBox } from './components/SearchBox';
import { SignIn } from './components/SignIn';
import { useQuery } from './hooks/useQuery';
import { useRoute } from './hooks/useRoute';
import { useSession } from './hooks/useSession';
import type { Route } from './routes';
import { HomeView } from './views/HomeView';
import { IonPage } from './views/IonPage';
import { LineageView } from './views/LineageView';
import { ModelVersionPage } from './views/ModelVersionPage';
import { MonitoringPage } from './views/MonitoringPage';
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
    // eslint-disable-next-line no-console -- the browser console is where a crashed view reports
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
    case 'monitoring':
      return <MonitoringPage key={route.ionId} ionId={route.ionId} />;
    case 'not-found':
      return (
        <p role="alert">
          There is no page at <code>{route.path}</code>. <Link to="/">Back to search</Link>
        </p>
      );
  }
}

/**
 * Who is signed in, as the server says (`me`; opaque API tokens carry no readable claims),
 * falling back to the token's own claims while that answer is on its way.
 */
function Account({ token }: { token: string }) {
  const claims = readClaims(token);
  const { data } = useQuery(MeDocument, {});
  const subject = data?.me.name ?? claims.subject;
  const roles = data?.me.roles ?? claims.roles;
  return (
    <div className="account" data-testid="account">
      <span title={subject ?? undefined}>
        {subject ?? 'signed in'}
        {roles.length > 0 && <span className="roles"> · {roles.join(', ')}</span>}
      </span>
      <button type="button" onClick={() => signOut()}>
        Sign out
      </button>
    </div>
  );
}

export function App() {
  const { route } = useRoute();
  const session = useSession();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          ION Lineage
        </Link>
        {session.token && route.view !== 'home' && (
          <SearchBox key={route.view === 'search' ? route.q : 'search'} initial={route.view === 'search' ? route.q : ''} />
        )}
        {session.token && <Account key={session.token} token={session.token} />}
      </header>
      <main id="main" tabIndex={-1}>
        {session.token ? (
          // Keyed by the token: a new sign-in reloads every view with the new rights.
          <ErrorBoundary key={session.token} resetKey={JSON.stringify(route)}>
            <View route={route} />
          </ErrorBoundary>
        ) : (
          <SignIn reason={session.reason} />
        )}
      </main>
    </>
  );
}
