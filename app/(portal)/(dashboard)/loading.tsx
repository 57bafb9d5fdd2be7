/**
 * loading.tsx files sit only on segments without an id below them: a loading boundary starts
 * the response streaming with status 200 before the page runs, so a notFound() under it could
 * no longer answer 404 (README, "Not found answers 404").
 */
export { PageLoading as default } from '@/components/shell/page-loading';
