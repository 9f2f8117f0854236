import { useState } from 'react';
import type { Language } from '../../../../src/contracts/index.js';
import { useI18n } from '../../i18n.js';
import type { Flow, FlowNode, Text } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

type Part = 'prompt' | 'intro';
const LANGS: Language[] = ['es', 'en'];

/**
 * Only the words change here: the whole flow is sent back with the edited texts, and the server
 * checks it as a whole (every node reachable, no prompt too long) before it goes live.
 */
export function PromptsEditor({ initial, onUnauthorized }: { initial: Flow; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const p = t.settings.prompts;
  const [flow, setFlow] = useState<Flow>(initial);
  const { state, save, edited } = useSaver('flow', onUnauthorized);

  const setText = (id: string, part: Part, lang: Language, value: string) => {
    setFlow((f) => {
      const node = f.nodes[id];
      if (!node) return f;
      const current: Text = node[part] ?? { es: '', en: '' };
      const next: FlowNode = { ...node, [part]: { ...current, [lang]: value } };
      return { ...f, nodes: { ...f.nodes, [id]: next } };
    });
    edited();
  };

  const submit = async () => {
    const stored = await save(flow);
    if (stored) setFlow(stored);
  };

  const field = (key: string, node: FlowNode, part: Part, lang: Language) => {
    const id = `${part}-${key}-${lang}`;
    const partName = part === 'intro' ? p.intro : p.prompt;
    return (
      <div className="field" key={id}>
        <label htmlFor={id} className="field-lang" lang={lang}>
          <span className="visually-hidden">{p.fieldLabel(key, partName)}</span>
          {p[lang]}
        </label>
        <textarea
          id={id}
          className="input textarea"
          lang={lang}
          rows={4}
          value={node[part]?.[lang] ?? ''}
          data-testid={id}
          onChange={(e) => setText(key, part, lang, e.target.value)}
        />
      </div>
    );
  };

  return (
    <SettingsSection
      id="flow"
      testId="settings-prompts"
      saveTestId="save-prompts"
      title={p.title}
      hint={p.hint}
      state={state}
      onSave={() => void submit()}
    >
      <div className="prompts">
        {Object.entries(flow.nodes).map(([key, node]) => (
          <fieldset key={key} className="prompt-node" data-testid={`prompt-node-${key}`}>
            <legend>
              <span className="muted">{p.node} </span>
              <span className="mono strong">{key}</span>
              {key === flow.start && <span className="tag">{p.start}</span>}
            </legend>
            {node.intro && (
              <div className="prompt-part">
                <span className="prompt-part-name">{p.intro}</span>
                <div className="prompt-langs">{LANGS.map((l) => field(key, node, 'intro', l))}</div>
              </div>
            )}
            <div className="prompt-part">
              {node.intro && <span className="prompt-part-name">{p.prompt}</span>}
              <div className="prompt-langs">{LANGS.map((l) => field(key, node, 'prompt', l))}</div>
            </div>
          </fieldset>
        ))}
      </div>
    </SettingsSection>
  );
}
