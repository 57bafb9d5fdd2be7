'use client';

import { Button } from '@/components/ui/button';

export function PrintButton() {
  return (
    <Button icon="report" onClick={() => window.print()} className="print:hidden">
      Print
    </Button>
  );
}
