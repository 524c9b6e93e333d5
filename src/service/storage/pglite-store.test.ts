import { runStoreContract } from './store-contract.ts';
import { createPgliteStore } from './sql-store.ts';

runStoreContract({ name: 'PGlite (in memory)', create: () => createPgliteStore() });
