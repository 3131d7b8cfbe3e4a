export { SimulatedCloud, type CloudOptions, type LedgerSummary } from './cloud';
export { defaultScenario, demoScenario, greenFault, type Scenario } from './scenario';
export { FileStore } from './file-store';
export { MemoryStore, type Store } from './store';
export type { CallRecord, DataSpec, FailureTarget, HookRun, LagSpec, MetricFaultSpec, NotificationRecord, Operation, QueueSpec } from './state';
