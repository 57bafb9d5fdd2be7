import { stopActingFor } from '@/app/(staff)/staff/act-for-actions';

/**
 * The strip across the portal while staff act for a tenant: whose data this is, that it is
 * audited, and a way out. A plain form, so Stop works before hydration too.
 */
export function ActingForBanner({ tenantName }: { tenantName: string }) {
  return (
    <div
      data-testid="acting-for-banner"
      className="flex items-center justify-between gap-3 bg-violet-700 px-4 py-1.5 text-xs text-white md:px-6"
    >
      <span>
        Acting for <strong>{tenantName}</strong> — every action is audited as provider staff acting for this tenant.
      </span>
      {/* Ending it goes through the audited server action, not a plain link. */}
      <form action={stopActingFor}>
        <button
          type="submit"
          className="rounded bg-white/15 px-2 py-0.5 font-semibold hover:bg-white/25 focus-visible:outline-2 focus-visible:outline-white"
        >
          Stop acting for {tenantName}
        </button>
      </form>
    </div>
  );
}
