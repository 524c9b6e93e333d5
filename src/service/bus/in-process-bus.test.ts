import { createInProcessBus } from './in-process-bus.ts';
import { runBusContract } from './bus-contract.ts';

runBusContract('in-process', { create: async () => createInProcessBus() });
