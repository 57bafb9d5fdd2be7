/** Prints a benchmark figure with its goal and the ratio, as one aligned line. */
export function figure(name: string, value: number, unit: string, goal?: { op: '>=' | '<=' | '<'; value: number; unit?: string }): void {
  const shown = `${value.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${unit}`;
  let verdict = '';
  if (goal) {
    const ok = goal.op === '>=' ? value >= goal.value : goal.op === '<=' ? value <= goal.value : value < goal.value;
    verdict = `  goal ${goal.op} ${goal.value.toLocaleString('en-GB')} ${goal.unit ?? unit}  ${ok ? 'MET' : 'NOT MET'}`;
  }
  console.log(`  ${name.padEnd(66)} ${shown.padStart(22)}${verdict}`);
}

export function section(title: string): void {
  console.log(`\n== ${title}`);
}
