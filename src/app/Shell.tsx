import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Router, Switch, useRoute } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AfterShowPage } from '../features/capture/AfterShowPage';
import { CaptureScreen } from '../features/capture/CaptureScreen';
import { EventsPage } from '../features/events/EventsPage';
import { SyncPage } from '../features/sync/SyncPage';
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
      <div className="shell">
        <nav className="sidebar" aria-label="OneTeam Field">
          <div className="brand" title={t('app.tagline')}>
            <span className="brand-mark" aria-hidden="true">
              OT
            </span>
          </div>
          <NavItem href="/accounts" match="/accounts/*?" icon="◎" label={t('nav.accounts')} />
          <NavItem href="/events" match="/events/*?" icon="▣" label={t('nav.events')} />
          <div className="sidebar-spacer" />
          <SyncStatusControl />
          <NavItem href="/settings" match="/settings" icon="⚙" label={t('nav.settings')} />
        </nav>
        <main className="content">
          <Switch>
            <Route path="/accounts/:id?">{(params) => <AccountsPage accountId={params.id} />}</Route>
            <Route path="/events" component={EventsPage} />
            <Route path="/events/:id/captures">
              {(params) => <AfterShowPage key={params.id} eventId={params.id} />}
            </Route>
            <Route path="/events/:id">{(params) => <CaptureScreen key={params.id} eventId={params.id} />}</Route>
            <Route path="/sync" component={SyncPage} />
            <Route path="/settings" component={SettingsPage} />
            <Route>
              <Redirect to="/accounts" replace />
            </Route>
          </Switch>
        </main>
      </div>
    </Router>
  );
}
