/** A response body that is already JSON text (assembled from JSON rendered by the database). */
export class RawJson {
  constructor(readonly text: string) {}
}
