/**
 * A problem with the files the user gave (one class, an unreadable image, a CSV without labels):
 * its message is shown on the page as it is, so it names the file and says what to change.
 */
export class UserDatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserDatasetError';
  }
}
