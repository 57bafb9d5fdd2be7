/**
 * The layers of the portal, held by `npm run lint` (dependency-cruiser). Each rule's name and
 * comment are what a forbidden import prints. The picture (ARCHITECTURE.md):
 *
 *   app/, components/            routes, pages, UI
 *        │
 *   lib/api, lib/auth            HTTP adapter (route wrapper, problem+json), sign-in and sessions
 *        │
 *   lib/domain                   use cases: authorise → validate → act → audit
 *        │
 *   lib/sim, lib/operations      the simulator runtime and the operation state machine
 *        │
 *   lib/engine  db/              pure simulator · schema, migrations, client
 *
 *   lib/schemas, lib/format      zod shapes, enums and formatting: usable from every layer
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'ui-not-to-db',
      comment: 'app/ and components/ never import db/: every query lives behind lib/domain (the database is one adapter away). Pages, actions and routes get the handle from lib/domain/core/database or apiRoute\'s ctx.db; enums come from lib/schemas. Route tests may arrange and inspect rows directly.',
      severity: 'error',
      from: { path: '^(app|components)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^db/' },
    },
    {
      name: 'lib-not-to-ui',
      comment: 'Nothing under lib/ or db/ imports app/ or components/: dependencies point down, from the UI to the domain.',
      severity: 'error',
      from: { path: '^(lib|db)/' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'engine-is-pure',
      comment: 'lib/engine is the pure simulator: no database, no Next.js, no domain; only its own files and Node built-ins.',
      severity: 'error',
      from: { path: '^lib/engine/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: '^lib/engine/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'schemas-are-leaves',
      comment: 'lib/schemas (zod shapes and enums) is shared by every layer, the browser included: it imports only zod, lib/format and itself (its tests may use lib/testing).',
      severity: 'error',
      from: { path: '^lib/schemas/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(app|components|db|lib/(?!schemas/|format))' },
    },
    {
      name: 'db-is-the-bottom',
      comment: 'db/ (schema, migrations, client) imports only lib/schemas and lib/config: seeds that need the simulator live above it.',
      severity: 'error',
      from: { path: '^db/', pathNot: '^db/cli/' },
      to: { path: '^(app|components|lib/(?!schemas/|config\\.ts|format\\.ts|ids\\.ts))' },
    },
    {
      name: 'below-the-domain',
      comment: 'The simulator runtime, the operation machine, the engine, auth and db sit below lib/domain and never import it (no loops).',
      severity: 'error',
      from: { path: '^(db|lib/(engine|sim|operations|auth|schemas))/', pathNot: '\\.test\\.ts$' },
      to: { path: '^lib/domain/' },
    },
    {
      name: 'no-circular',
      comment: 'No import loops: a loop means two modules are one and should be, or that one of them is in the wrong layer.',
      severity: 'error',
      from: {},
      // A type-only import is erased at build time: a loop through one costs nothing at run time.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-tests',
      comment: 'Production code never imports a test file.',
      severity: 'error',
      from: { pathNot: '\\.(test|spec|setup)\\.ts$' },
      to: { path: '\\.(test|spec|setup)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next[^/]*|\\.e2e|db/migrations|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
