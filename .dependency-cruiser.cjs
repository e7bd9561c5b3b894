/** Module boundaries, enforced: see ARCHITECTURE.md "Rules between folders". */
module.exports = {
  forbidden: [
    {
      name: 'platform-knows-no-domain',
      comment: 'The platform never imports a module; modules plug into it through their manifests.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|demo|app\\.ts|main\\.ts)' },
    },
    {
      name: 'modules-through-index',
      comment: 'A module reaches another only through its index.ts (schema.ts may reference another schema for foreign keys).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '^src/modules/[^/]+/(core/)?schema\\.ts$' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'schema-only-to-schema',
      comment: 'A schema file may reference other tables for foreign keys, and nothing else of another module.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/(core/)?schema\\.ts$' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(core/)?schema\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, pathNot: '^src/modules/[^/]+/(core/)?schema\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
