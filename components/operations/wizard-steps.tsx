/** Where a wizard stands: its steps in order, the current one marked for people and screen readers. */
export function WizardSteps({ steps, current }: { steps: readonly string[]; current: number }) {
  return (
    <nav aria-label="Wizard steps" className="border-b border-slate-200 px-4 py-2 dark:border-slate-800">
      <ol className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {steps.map((s, i) => (
          <li key={s} aria-current={i === current ? 'step' : undefined} className={i === current ? 'font-semibold text-slate-900 dark:text-slate-100' : 'text-slate-500'}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>
    </nav>
  );
}
