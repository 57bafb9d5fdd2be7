import { NextResponse } from 'next/server';
import { buildOpenApiDocument } from '@/lib/api/openapi';

// Public on purpose: the contract is documentation, not tenant data.
export function GET() {
  return NextResponse.json(buildOpenApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
}
