package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.verification.SignoffFollowUp.SignedOff;

/**
 * What a {@code not_verified} sign-off does to the CP lifecycle ({@link SignoffSteps}): the
 * facility's open "savings verified" steps whose saving it leaves unverified are marked withdrawn
 * (day, auditor, sign-off, its comments); the steps stay.
 */
final class SignoffWithdrawal {
  private SignoffWithdrawal() {}

  /**
   * Withdraws the open "savings verified" steps of the facility whose saving, computed on a
   * baseline of this EnPI, no sign-off verifies any more (the {@link ProgrammeExport#SIGNOFF} rule,
   * read in this transaction after the supersession).
   */
  static Map<String, Object> withdraw(Connection c, SignedOff s, LocalDate on) throws SQLException {
    List<Long> steps =
        Sql.list(
            c,
            "SELECT st.step_id FROM programme_cp_step st"
                + " JOIN programme_saving x ON x.saving_id = st.saving_id"
                + " JOIN enpi_baseline b ON b.baseline_id = x.baseline_id"
                + RegistryRows.SIGNOFF
                + " WHERE st.enterprise_id = ? AND st.stage = 'savings_verified'"
                + " AND st.withdrawn_on IS NULL AND b.enpi_id = ? AND so.signed_at IS NULL"
                + " ORDER BY st.step_id",
            ps -> {
              ps.setLong(1, s.enterpriseId());
              ps.setLong(2, s.enpiId());
            },
            rs -> rs.getLong(1));
    if (steps.isEmpty()) {
      return SignoffSteps.refused(
          "no 'savings verified' step of "
              + s.enterprise()
              + " rests on a verification of EnPI "
              + s.enpi()
              + " that this opinion withdraws: nothing to withdraw");
    }
    List<Object> withdrawn = new ArrayList<>();
    for (long stepId : steps) {
      Map<String, Object> before = RegistryRows.STEPS.one(c, stepId);
      Sql.update(
          c,
          "UPDATE programme_cp_step SET withdrawn_on = ?, withdrawn_by = ?,"
              + " withdrawn_signoff_id = ?, withdrawn_reason = ? WHERE step_id = ?",
          ps -> {
            ps.setObject(1, on);
            ps.setString(2, s.account());
            ps.setLong(3, s.id());
            ps.setString(4, s.comments());
            ps.setLong(5, stepId);
          });
      Map<String, Object> after = RegistryRows.STEPS.one(c, stepId);
      SignoffSteps.audit(c, s, stepId, before, after);
      withdrawn.add(after);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("recorded", true);
    out.put("step_action", "withdrawn");
    out.put("withdrawn", withdrawn);
    return out;
  }
}
