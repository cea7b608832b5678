import { loadFashionMnistEmbedded, loadIris, type LabeledDataset } from '@contrastive/datasets';
import type { DatasetChoice } from '../protocol';
import { loadCsvFile } from './csv-file';
import { loadImageFolder } from './image-folder';

/** The dataset the user picked, as train and test splits in memory. */
export async function loadDataset(choice: DatasetChoice): Promise<LabeledDataset> {
  switch (choice.kind) {
    case 'fashion-mnist':
      return loadFashionMnistEmbedded({
        trainPerClass: choice.perClass,
        testPerClass: Math.max(2, Math.min(200, Math.ceil(choice.perClass / 4))),
      });
    case 'iris':
      return loadIris({ standardize: true, testFraction: 0.2 });
    case 'image-folder':
      return loadImageFolder(choice.files);
    case 'csv':
      return loadCsvFile(choice.file);
  }
}
