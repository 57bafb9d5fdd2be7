import { iconSprite } from '@/components/ui/icon-sprite';

// Built once at build time and served as a file; its URL carries a content version
// (next.config.mjs), so browsers may keep it for good.
export const dynamic = 'force-static';

export function GET() {
  return new Response(iconSprite(), {
    headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' },
  });
}
