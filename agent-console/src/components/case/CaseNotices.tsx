import type { CaseDto, CaseEventDto } from '../../../../src/contracts/index.js';
import { labelOf } from '../../case-labels.js';
import { useI18n } from '../../i18n.js';

/**
 * Why a case cannot be worked here: hidden from this role, merged into another, a non-data
 * contact, or anonymised. Nothing when it can.
 */
export function CaseNotices({ c, timeline, onOpenCase }: { c: CaseDto; timeline: CaseEventDto[]; onOpenCase?: (id: string) => void }) {
  const { t } = useI18n();
  const cw = t.cw;
  // The summary carries where it went only as an id; the timeline has its number.
  const mergedEvent = [...timeline].reverse().find((e) => e.kind === 'case.merged_into');
  const intoNumber = typeof mergedEvent?.data.into === 'string' ? mergedEvent.data.into : '';
  return (
    <>
      {c.redacted && (
        <div className="notice notice-redacted" role="note" data-testid="case-redacted">
          <strong>{cw.redacted}</strong> {cw.redactedHint}
        </div>
      )}
      {c.mergedInto && (
        <div className="notice" role="note" data-testid="case-merged-notice">
          {cw.merged(intoNumber || '—')}{' '}
          {onOpenCase && (
            <button type="button" className="button button-small" data-testid="open-merged" onClick={() => onOpenCase(c.mergedInto as string)}>
              {cw.mergedOpen(intoNumber || cw.sections.merge)}
            </button>
          )}
        </div>
      )}
      {c.nonData && <div className="notice" role="note" data-testid="case-non-data-notice">{cw.nonData(labelOf(cw.nonDataReasons, c.nonData))}</div>}
      {c.anonymisedAt && <div className="notice" role="note">{cw.anonymised}</div>}
    </>
  );
}
