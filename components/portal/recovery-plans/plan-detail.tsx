'use client';

import { useEffect, useRef, useState } from 'react';
import { deletePlanAction } from '@/app/(portal)/recovery/plans/actions';
import type { PlanGroupOptionDto, RecoveryPlanDto } from '@/lib/domain/recovery/plan-dto';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { plural } from '../labels';
import { PlanEditor } from './plan-editor';
import { PlanView, type SiteNames } from './plan-view';

type Props = { plan: RecoveryPlanDto; options: PlanGroupOptionDto[]; sites: SiteNames; mayEdit: boolean; startEditing?: boolean };

/** A saved plan: read-only for everyone; administrators switch to the editor and may delete it. */
export function PlanDetail({ plan, options, sites, mayEdit, startEditing = false }: Props) {
  const [editing, setEditing] = useState(mayEdit && startEditing);
  const editButton = useRef<HTMLButtonElement>(null);
  const [closed, setClosed] = useState(false);
  // Back from the editor: focus returns to the button that opened it.
  useEffect(() => {
    if (closed && !editing) editButton.current?.focus();
  }, [closed, editing]);
  if (editing) {
    const close = () => {
      setEditing(false);
      setClosed(true);
    };
    return <PlanEditor plan={plan} options={options} sites={sites} onClose={close} />;
  }
  return (
    <div className="space-y-4">
      <PlanView
        plan={plan}
        options={options}
        sites={sites}
        actions={
          mayEdit && (
            <Button ref={editButton} size="sm" icon="pencil" onClick={() => setEditing(true)}>
              Edit plan
            </Button>
          )
        }
      />
      {mayEdit && <DeletePlan plan={plan} />}
    </div>
  );
}

/** Deleting a plan touches no group and no running recovery (a run keeps its own copy of the tiers). */
function DeletePlan({ plan }: { plan: RecoveryPlanDto }) {
  const [open, setOpen] = useState(false);
  const { toast } = useToast();

  async function confirm() {
    const r = await deletePlanAction(plan.id);
    // On success the action redirects to the list; only a refusal comes back.
    if (r && !r.ok) {
      toast({ tone: 'danger', title: 'Plan not deleted', description: r.message });
      throw new Error(r.message);
    }
  }

  return (
    <Card className="border-red-200 dark:border-red-900/60" data-testid="delete-plan">
      <CardHeader title="Delete recovery plan" description="Its protection groups stay as they are; only the saved tiers go" />
      <CardBody className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">Runs already started from “{plan.name}” are not affected. This cannot be undone.</p>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete plan…
        </Button>
      </CardBody>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="danger"
        title={`Delete “${plan.name}”?`}
        description={`The plan's ${plural(plan.tiers.length, 'tier')} of ${plural(plan.groupCount, 'protection group')} will be forgotten. The groups themselves keep replicating.`}
        confirmLabel="Delete plan"
        onConfirm={confirm}
      />
    </Card>
  );
}
