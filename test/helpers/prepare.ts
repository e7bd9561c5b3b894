import { engines, freshDatabase } from './db.js';

// Builds (or finds) the seeded template for each engine, so parallel test files share it.
for (const engine of engines) {
  const database = await freshDatabase(engine);
  await database.close();
}
