import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Router, Switch, useRoute } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AfterShowPage } from '../features/capture/AfterShowPage';
import { CaptureScreen } from '../features/capture/CaptureScreen';
import { EventsPage } from '../features/events/EventsPage';
import { DeckEditor } from '../features/decks/DeckEditor';
import { DecksPage } from '../features/decks/DecksPage';
import { LibraryPage } from '../features/library/LibraryPage';
import { AudienceScreen } from '../features/presenter/AudienceScreen';
import { PresenterScreen } from '../features/presenter/PresenterScreen';
import { SyncPage } from '../features/sync/SyncPage';
import { ReadinessPage } from '../features/readiness/ReadinessPage';
import { SyncStatusControl } from '../components/SyncStatusControl';
import { SettingsPage } from '../features/settings/SettingsPage';

interface NavItemProps {
  href: string;
  match: string;
  icon: string;
  label: string;
}

function NavItem({ href, match, icon, label }: NavItemProps) {
  const [active] = useRoute(match);
  return (
    <Link href={href} className={active ? 'nav-item active' : 'nav-item'} aria-current={active ? 'page' : undefined}>
      <span className="nav-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="nav-label">{label}</span>
    </Link>
  );
}

export function Shell() {
  const { t } = useTranslation();
  return (
    <Router hook={useHashLocation}>
      <Switch>
        {/* Presenter mode and the audience screen take the whole window: no navigation, no notifications. */}
        <Route path="/present/:sessionId">
          {(params) => <PresenterScreen key={params.sessionId} sessionId={params.sessionId} />}
        </Route>
        <Route path="/audience" component={AudienceScreen} />
        <Route>
          <div className="shell">
            <nav className="sidebar" aria-label="OneTeam Field">
              <div className="brand" title={t('app.tagline')}>
                <span className="brand-mark" aria-hidden="true">
                  OT
                </span>
              </div>
              <NavItem href="/accounts" match="/accounts/*?" icon="◎" label={t('nav.accounts')} />
              <NavItem href="/library" match="/library/*?" icon="▤" label={t('nav.library')} />
              <NavItem href="/decks" match="/decks/*?" icon="❏" label={t('nav.decks')} />
              <NavItem href="/events" match="/events/*?" icon="▣" label={t('nav.events')} />
              <div className="sidebar-spacer" />
              <SyncStatusControl />
              <NavItem href="/settings" match="/settings" icon="⚙" label={t('nav.settings')} />
            </nav>
            <main className="content">
              <Switch>
                <Route path="/accounts/:id?">{(params) => <AccountsPage accountId={params.id} />}</Route>
                <Route path="/library">{() => <LibraryPage />}</Route>
                <Route path="/library/item/:itemId">{(params) => <LibraryPage itemId={params.itemId} />}</Route>
                <Route path="/library/for/:accountId">
                  {(params) => <LibraryPage key={params.accountId} accountId={params.accountId} />}
                </Route>
                <Route path="/decks" component={DecksPage} />
                {/* One route for new and saved decks: saving a new deck keeps the same editor on screen. */}
                <Route path="/decks/:id">
                  {(params) => <DeckEditor deckId={params.id === 'new' ? null : params.id} />}
                </Route>
                <Route path="/events" component={EventsPage} />
                <Route path="/events/:id/captures">
                  {(params) => <AfterShowPage key={params.id} eventId={params.id} />}
                </Route>
                <Route path="/events/:id">{(params) => <CaptureScreen key={params.id} eventId={params.id} />}</Route>
                <Route path="/sync" component={SyncPage} />
                <Route path="/readiness/:kind/:id">
                  {(params) => (
                    <ReadinessPage
                      key={params.id}
                      kind={params.kind === 'event' ? 'event' : 'account'}
                      id={params.id}
                    />
                  )}
                </Route>
                <Route path="/settings" component={SettingsPage} />
                <Route>
                  <Redirect to="/accounts" replace />
                </Route>
              </Switch>
            </main>
          </div>
        </Route>
      </Switch>
    </Router>
  );
}
