package org.energytrace.ingest.upload;

import java.util.List;
import org.energytrace.ingest.errors.DomainException;

/**
 * An uploaded file read and checked: the feature's rows, every problem, and the upload id, a hash
 * of the rows themselves (null while there are problems) so that a commit can prove it stores
 * exactly what was previewed.
 *
 * @param <R> the feature's row
 */
public record Parsed<R>(String fileName, List<R> rows, List<Problem> problems, String uploadId) {
  public Parsed {
    rows = List.copyOf(rows);
    problems = List.copyOf(problems);
  }

  /** A file that could not be read at all: no rows, and the one problem saying why. */
  public static <R> Parsed<R> refused(String fileName, String message) {
    return new Parsed<>(fileName, List.of(), List.of(new Problem(0, null, null, message)), null);
  }

  /** Whether there are rows and no problem: only then may it be committed. */
  public boolean valid() {
    return problems.isEmpty() && !rows.isEmpty();
  }

  /**
   * Refuses a commit of other rows than those previewed (409 naming {@code upload_id}).
   *
   * @param uploadId the upload id the preview answered
   */
  public void requirePreviewed(String uploadId) {
    if (!uploadId.equals(this.uploadId)) {
      throw DomainException.conflict(
          "upload_id",
          "the file's rows are not those previewed (their upload_id is " + this.uploadId + ")");
    }
  }
}
