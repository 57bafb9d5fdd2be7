'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { GroupDetailDto } from '@/lib/domain/core/dto';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { GroupSettingsView } from './group-settings-view';
import { RecoveryPlanView } from './recovery-plan-view';

// The forms load when Edit is first pressed (or pointed at): the page's first load carries only the views.
const loadSettingsForm = () => import('./group-settings-form');
const loadPlanEditor = () => import('./recovery-plan-editor');
const FormLoading = () => <Skeleton className="h-48 w-full" />;
const GroupSettingsForm = dynamic(() => loadSettingsForm().then((m) => m.GroupSettingsForm), { loading: FormLoading });
const RecoveryPlanEditor = dynamic(() => loadPlanEditor().then((m) => m.RecoveryPlanEditor), { loading: FormLoading });

/**
 * A section an administrator reads first and edits on purpose: the read-only view with an Edit
 * button, the form after it is pressed, back to the view on save or discard. Nobody changes a
 * failover setting by brushing a field, and the page renders no forms until one is wanted.
 * Focus follows: into the form's first field on Edit, back to the Edit button on close.
 */
function EditableSection({ label, view, form, preload }: { label: string; view: (edit: ReactNode) => ReactNode; form: (close: () => void) => ReactNode; preload: () => unknown }) {
  // null until the person first presses Edit: focus moves only in answer to them.
  const [editing, setEditing] = useState<boolean | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (editing === null || !el) return;
    const selector = editing ? 'input, select, textarea' : '[data-edit-button]';
    const focus = () => {
      const target = el.querySelector<HTMLElement>(selector);
      target?.focus();
      return Boolean(target);
    };
    if (focus()) return;
    // The form may still be loading: focus its first field once it is there.
    const observer = new MutationObserver(() => focus() && observer.disconnect());
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [editing]);
  return (
    <div ref={box}>
      {editing
        ? form(() => setEditing(false))
        : view(
            <Button size="sm" icon="pencil" data-edit-button onClick={() => setEditing(true)} onPointerEnter={preload} onFocus={preload}>
              {label}
            </Button>,
          )}
    </div>
  );
}

export function EditableGroupSettings({ group }: { group: GroupDetailDto }) {
  return <EditableSection label="Edit settings" preload={loadSettingsForm} view={(edit) => <GroupSettingsView group={group} actions={edit} />} form={(close) => <GroupSettingsForm group={group} onClose={close} />} />;
}

export function EditableRecoveryPlan({ group }: { group: GroupDetailDto }) {
  return <EditableSection label="Edit recovery plan" preload={loadPlanEditor} view={(edit) => <RecoveryPlanView group={group} actions={edit} />} form={(close) => <RecoveryPlanEditor group={group} onClose={close} />} />;
}
