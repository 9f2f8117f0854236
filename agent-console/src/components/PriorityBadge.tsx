import type { Priority } from '../../../src/contracts/index.js';
import { useI18n } from '../i18n.js';

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-p${priority}`} title={t.priorityLabel(priority)} aria-label={t.priorityLabel(priority)}>
      P{priority}
    </span>
  );
}
