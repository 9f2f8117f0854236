import { useMemo } from 'react';
import { OfficeDrawer } from '../components/escalations/OfficeDrawer.js';
import { useCaseDrawer } from '../hooks/useCaseDrawer.js';
import { groupByCountry, useOffices } from '../hooks/useOffices.js';
import { labelOf } from '../case-labels.js';
import { useI18n } from '../i18n.js';

/** Admins: the office directory by country; an office opens beside the list to be edited. */
export function OfficesPage() {
  const { t, lang } = useI18n();
  const o = t.esc.offices;
  const drawer = useCaseDrawer();
  const { offices, failed, reload } = useOffices();
  const groups = useMemo(() => (offices ? groupByCountry(offices, lang) : []), [offices, lang]);

  return (
    <div className={drawer.openId ? 'offices-page queue-page-with-drawer' : 'offices-page'} data-testid="offices-page">
      <div className="page-head">
        <h1>{o.title}</h1>
        <p className="muted">{o.intro}</p>
      </div>
      {failed && <p className="alert" role="alert">{o.loadError}</p>}
      {!offices && !failed && <p className="muted" role="status">{t.loading}</p>}
      {groups.map((g) => (
        <section key={g.country} className="panel" aria-labelledby={`offices-${g.country}`}>
          <div className="panel-head">
            <h2 id={`offices-${g.country}`}>{g.label}</h2>
            <span className="count">{g.offices.length}</span>
          </div>
          <div className="table-wrap">
            <table className="table-clickable">
              <thead>
                <tr><th scope="col">{o.name}</th><th scope="col">{o.kind}</th><th scope="col">{o.city}</th><th scope="col">{o.id}</th></tr>
              </thead>
              <tbody>
                {g.offices.map((office) => (
                  <tr
                    key={office.id}
                    data-testid="office-row"
                    data-office-id={office.id}
                    tabIndex={0}
                    title={o.edit}
                    aria-current={office.id === drawer.openId ? 'true' : undefined}
                    className={office.id === drawer.openId ? 'row-open' : undefined}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={(e) => drawer.open(office.id, e.currentTarget)}
                    onKeyDown={(e) => {
                      if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
                        e.preventDefault();
                        drawer.open(office.id, e.currentTarget);
                      }
                    }}
                  >
                    <td className="strong office-name-cell">{office.name}</td>
                    <td>{labelOf(t.esc.officeKinds, office.kind)}</td>
                    <td>{office.city ?? '—'}</td>
                    <td className="mono">{office.id}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {drawer.openId && <OfficeDrawer key={drawer.openId} officeId={drawer.openId} onClose={drawer.close} onSaved={() => void reload()} />}
    </div>
  );
}
