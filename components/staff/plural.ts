/** "1 group", "3 groups"; irregular plurals passed explicitly. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
