export {
  ProjectionCheckpoints,
  CheckpointMovedError,
  CHECKPOINTS_TABLE,
  type Checkpoint,
  type CheckpointStatus,
} from './checkpoints';
export {
  ProjectionRunner,
  ProjectionRunners,
  type ProjectionRunnerOptions,
  type RunnerLogger,
  type RunnerState,
  type RunnerStatus,
} from './projection-runner';
