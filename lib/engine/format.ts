/** Human forms for status lines and alert messages ("12 min", "11 h 40 min", "300 GB"). */

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 1200) {
    // Near typical RPO targets (5–15 min) the seconds matter: "10 min 2 s" is over a 10 min target.
    const m = Math.floor(s / 60);
    return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  }
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    const m = Math.round((s - h * 3600) / 60);
    return m === 60 ? `${h + 1} h` : m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(s / 86_400);
  const h = Math.round((s - d * 86_400) / 3600);
  return h === 24 ? `${d + 1} d` : h ? `${d} d ${h} h` : `${d} d`;
}

export function formatGb(mb: number): string {
  const gb = mb / 1024;
  return gb >= 100 ? `${Math.round(gb)} GB` : `${Math.round(gb * 10) / 10} GB`;
}
