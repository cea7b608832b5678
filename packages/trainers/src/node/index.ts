export { FileCheckpointStore } from './file-checkpoint-store';
