'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { GroupDetailDto } from '@/lib/domain/core/dto';
import { Button } from '@/components/ui/button';
import { GroupSettingsForm } from './group-settings-form';
import { GroupSettingsView } from './group-settings-view';
import { RecoveryPlanEditor } from './recovery-plan-editor';
import { RecoveryPlanView } from './recovery-plan-view';

/**
 * A section an administrator reads first and edits on purpose: the read-only view with an Edit
 * button, the form after it is pressed, back to the view on save or discard. Nobody changes a
 * failover setting by brushing a field, and the page renders no forms until one is wanted.
 * Focus follows: into the form's first field on Edit, back to the Edit button on close.
 */
function EditableSection({ label, view, form }: { label: string; view: (edit: ReactNode) => ReactNode; form: (close: () => void) => ReactNode }) {
  // null until the person first presses Edit: focus moves only in answer to them.
  const [editing, setEditing] = useState<boolean | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (editing === null) return;
    const target = editing ? box.current?.querySelector<HTMLElement>('input, select, textarea') : box.current?.querySelector<HTMLElement>('[data-edit-button]');
    target?.focus();
  }, [editing]);
  return (
    <div ref={box}>
      {editing
        ? form(() => setEditing(false))
        : view(
            <Button size="sm" icon="pencil" data-edit-button onClick={() => setEditing(true)}>
              {label}
            </Button>,
          )}
    </div>
  );
}

export function EditableGroupSettings({ group }: { group: GroupDetailDto }) {
  return <EditableSection label="Edit settings" view={(edit) => <GroupSettingsView group={group} actions={edit} />} form={(close) => <GroupSettingsForm group={group} onClose={close} />} />;
}

export function EditableRecoveryPlan({ group }: { group: GroupDetailDto }) {
  return <EditableSection label="Edit recovery plan" view={(edit) => <RecoveryPlanView group={group} actions={edit} />} form={(close) => <RecoveryPlanEditor group={group} onClose={close} />} />;
}
