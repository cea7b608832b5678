export { FileCheckpointStore, type FileCheckpointStoreOptions } from './file-checkpoint-store';
