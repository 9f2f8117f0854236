import { useId, useState, type FormEvent } from 'react';
import type { PersonDto } from '../../../../src/contracts/index.js';
import { normaliseDni, normalisePhone } from '../../../../src/contracts/case-fields.js';
import { HttpError } from '../../api.js';
import { caseApi } from '../../case-api.js';
import { useI18n } from '../../i18n.js';

/** What the typed text looks like: a phone with its country code, a document, or a name. */
function peopleQuery(raw: string): { name?: string; document?: string; phone?: string } | null {
  const text = raw.trim();
  const phone = normalisePhone(text);
  if (phone.ok) return { phone: phone.value };
  if (normaliseDni(text).ok) return { document: text };
  if (/\d/.test(text)) return text.replace(/[\s-]/g, '').length >= 4 ? { document: text } : null;
  return text.length >= 3 ? { name: text } : null;
}

type Found = { kind: 'idle' } | { kind: 'searching' } | { kind: 'done'; people: PersonDto[] } | { kind: 'error'; message: string };

/**
 * The same person recorded in another case: search people and merge this record into theirs, so
 * one person holds every case (the server keeps both names and all documents).
 */
export function PersonMerge({ person, onMerged }: { person: PersonDto; onMerged: () => void }) {
  const { t } = useI18n();
  const p = t.cw.people;
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found>({ kind: 'idle' });
  const [merging, setMerging] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    const query = peopleQuery(text);
    if (!query) return setFound({ kind: 'error', message: p.tooShort });
    setFound({ kind: 'searching' });
    try {
      const { people } = await caseApi.people(query);
      setFound({ kind: 'done', people: people.filter((x) => x.id !== person.id) });
    } catch (err) {
      setFound({ kind: 'error', message: err instanceof HttpError && err.status === 400 ? err.message : p.failed });
    }
  };

  const merge = async (into: PersonDto) => {
    setMerging(into.id);
    try {
      await caseApi.mergePerson(person.id, into.id);
      setDone(true);
      setOpen(false);
      onMerged();
    } catch (err) {
      setFound({ kind: 'error', message: err instanceof HttpError && err.status !== 0 ? `${p.failed} ${err.message}` : p.failed });
    } finally {
      setMerging(null);
    }
  };

  if (!open) {
    return (
      <div className="person-merge">
        <button type="button" className="button button-small" data-testid="person-merge-open" onClick={() => { setOpen(true); setDone(false); }}>{p.open}</button>
        {done && <span className="saved" role="status">{p.merged}</span>}
      </div>
    );
  }
  return (
    <div className="person-merge person-merge-open" data-testid="person-merge">
      <form className="inline-form" onSubmit={(e) => void search(e)}>
        <label htmlFor={inputId} className="visually-hidden">{p.query}</label>
        <input id={inputId} className="input input-grow" placeholder={p.query} value={text} data-testid="person-merge-query" onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button button-small" disabled={found.kind === 'searching'}>{p.search}</button>
        <button type="button" className="button button-small button-ghost" onClick={() => setOpen(false)}>{p.close}</button>
      </form>
      <p className="hint">{p.mergeHint}</p>
      {found.kind === 'error' && <p className="alert" role="alert">{found.message}</p>}
      {found.kind === 'done' && found.people.length === 0 && <p className="muted" role="status">{p.none}</p>}
      {found.kind === 'done' && found.people.length > 0 && (
        <ul className="people-found">
          {found.people.map((x) => (
            <li key={x.id} className="person-found" data-testid="person-found">
              <span className="strong">{x.fullName ?? '—'}</span>
              {x.dni && <span className="mono">{x.dni}</span>}
              {x.passport && <span className="mono">{x.passport}</span>}
              {x.phone && <span className="mono">{x.phone}</span>}
              <button type="button" className="button button-small" disabled={merging !== null} data-testid="person-merge-confirm" onClick={() => void merge(x)}>
                {p.merge}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
