package org.energytrace.ingest.verification;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a period sign-off records beyond itself, in the sign-off's transaction: answered by the
 * programme registry ({@code programme.SignoffSteps}: the "savings verified" CP step and the
 * registry's saving), wired in the composition root, so that verification does not import the
 * programme (which reads the sign-offs: one direction only).
 */
@FunctionalInterface
public interface SignoffFollowUp {
  /** Nothing beyond the sign-off (a service or a test without the programme registry). */
  SignoffFollowUp NONE = (c, s) -> null;

  /**
   * A sign-off just written (not committed yet).
   *
   * @param superseded the earlier sign-offs of the same EnPI and period it superseded
   * @param supersededOpinions their opinions (wire names), in the same order
   */
  record SignedOff(
      long id,
      long enterpriseId,
      String enterprise,
      long enpiId,
      String enpi,
      int baselineVersion,
      LocalDate from,
      LocalDate to,
      PeriodSignoff.Opinion opinion,
      String comments,
      String dossierSha256,
      Actor actor,
      String account,
      Instant at,
      List<Long> superseded,
      List<String> supersededOpinions) {
    public SignedOff {
      superseded = List.copyOf(superseded);
      supersededOpinions = List.copyOf(supersededOpinions);
    }
  }

  /**
   * Records what follows from {@code s} on {@code c}, the sign-off's own transaction (committed or
   * rolled back with it), and says what for the sign-off's answer ({@code null}: nothing to say).
   * What the follower's rules refuse is an answer ({@code recorded: false} with the reason), never
   * an exception: the sign-off stands either way.
   */
  Map<String, Object> signedOff(Connection c, SignedOff s) throws SQLException;
}
