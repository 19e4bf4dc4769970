export {
  ProjectionCheckpoints,
  CheckpointMovedError,
  CHECKPOINTS_TABLE,
  type Checkpoint,
  type CheckpointStatus,
  tableCreatedElsewhere,
} from './checkpoints';
export {
  ProjectionRunner,
  ProjectionRunners,
  type ProjectionRunnerOptions,
  type RunnerLogger,
  type RunnerState,
  type RunnerStatus,
} from './projection-runner';
export { LeaseManager, fenceCondition, type Fence, type Lease, type LeaseOptions } from './leases';
export {
  runnableManager,
  deliver,
  installRefusals,
  listRefusals,
  PROCESS_MANAGER_RUNNER_OPTIONS,
  REFUSALS_TABLE,
  type ManagerCommand,
  type ProcessManager,
  type ProcessManagerOptions,
  type Refusal,
  type RefusalRow,
} from './process-manager';
