package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import org.energytrace.ingest.audit.Downloads;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;

/**
 * The CP lifecycle of the registry's facilities in PostgreSQL: the steps recorded (each audited as
 * {@code programme.cp_step.record}) and the evidence attached to a step. Part of {@link
 * PgProgramme}; blocking: call from worker threads.
 */
public final class PgCpSteps {
  /** Largest attachment of a CP step (bytes, decoded). */
  public static final int MAX_ATTACHMENT = 512 * 1024;

  private final PgProgramme registry;

  PgCpSteps(PgProgramme registry) {
    this.registry = registry;
  }

  /**
   * Appends a CP step. A "savings verified" step names a saving of the facility that counts as
   * verified (its baseline approved), else 409 naming {@code saving}.
   *
   * @return the step as the API shows it ({@link RegistryRows#STEPS})
   */
  public Map<String, Object> recordStep(
      Who who, Scope scope, String enterprise, Inputs.Step s, Instant now) {
    return registry.onFacility(
        "recording a CP step of " + enterprise,
        scope,
        enterprise,
        (c, id) -> {
          if (s.saving() != null) {
            boolean verified =
                Sql.first(
                        c,
                        "SELECT b.approved_at, so.signed_at FROM programme_saving x"
                            + " LEFT JOIN enpi_baseline b USING (baseline_id)"
                            + RegistryRows.SIGNOFF
                            + " WHERE x.saving_id = ? AND x.enterprise_id = ?",
                        Sql.args(s.saving(), id),
                        rs -> rs.getObject(1) != null && rs.getObject(2) != null)
                    .orElseThrow(
                        () ->
                            DomainException.conflict(
                                "saving", "no saving " + s.saving() + " of " + enterprise));
            if (!verified) {
              throw DomainException.conflict(
                  "saving",
                  "saving "
                      + s.saving()
                      + " is not verified: it names no approved EnPI baseline, or no current"
                      + " sign-off holds its figures (a sign-off records the period's saving, or"
                      + " takes over one typed in before it for exactly its period; one typed"
                      + " over a part of a signed period, after the sign-off, or of a resource"
                      + " the EnPI does not meter is not verified), or its period is to be"
                      + " re-verified");
            }
          }
          Inputs.Attachment a = s.attachment();
          long stepId =
              Sql.one(
                  c,
                  "INSERT INTO programme_cp_step (enterprise_id, stage, step_date, detail,"
                      + " potential, saving_id, recorded_by, recorded_at, attachment_name,"
                      + " attachment_type, attachment_sha256, attachment_size, attachment)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING step_id",
                  Sql.args(
                      id,
                      PgProgramme.wire(s.stage()),
                      s.date(),
                      Sql.text(s.detail()),
                      Sql.typed(s.potential(), Types.BOOLEAN),
                      Sql.int8(s.saving()),
                      who.subject(),
                      now,
                      Sql.text(a == null ? null : a.name()),
                      Sql.text(a == null ? null : a.contentType()),
                      Sql.text(a == null ? null : a.sha256()),
                      Sql.typed(a == null ? null : a.bytes().length, Types.INTEGER),
                      Sql.typed(a == null ? null : a.bytes(), Types.VARBINARY)),
                  rs -> rs.getLong(1));
          return recorded(c, who, enterprise, stepId, now);
        });
  }

  /** Audits step {@code stepId} as recorded ({@code programme.cp_step.record}); returns it. */
  static Map<String, Object> recorded(
      Connection c, Who who, String enterprise, long stepId, Instant now) throws SQLException {
    Map<String, Object> step = RegistryRows.STEPS.one(c, stepId);
    PgProgramme.audit(
        c,
        who,
        "programme.cp_step.record",
        enterprise,
        enterprise + "/cp-steps/" + stepId,
        null,
        step,
        now);
    return step;
  }

  /** The attachment of a step: name, media type and bytes. */
  public record StoredAttachment(String name, String contentType, String sha256, byte[] bytes) {}

  /** Audit action of an attachment's download. */
  static final String DOWNLOAD = "programme.cp_step.attachment.download";

  /**
   * The evidence file of step {@code step}; its reading by {@code who} audited in the same
   * transaction as {@code programme.cp_step.attachment.download} with its SHA-256 (the {@code
   * X-Content-SHA256} sent), target {@code {enterprise}/cp-steps/{step}/attachment}.
   */
  public StoredAttachment attachment(
      Who who, Scope scope, String enterprise, long step, Instant now) {
    return registry.onFacility(
        "reading an attachment",
        scope,
        enterprise,
        (c, id) -> {
          StoredAttachment a = attachment(c, enterprise, step, id);
          Downloads.record(
              c,
              new Downloads.Read(
                  who,
                  now,
                  DOWNLOAD,
                  enterprise,
                  enterprise + "/cp-steps/" + step + "/attachment",
                  a.sha256(),
                  a.name(),
                  a.bytes().length));
          return a;
        });
  }

  private static StoredAttachment attachment(Connection c, String enterprise, long step, long id)
      throws SQLException {
    return Sql.first(
            c,
            "SELECT attachment_name, attachment_type, attachment_sha256, attachment"
                + " FROM programme_cp_step WHERE step_id = ? AND enterprise_id = ?"
                + " AND attachment IS NOT NULL",
            Sql.args(step, id),
            rs ->
                new StoredAttachment(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
        .orElseThrow(
            () -> new NotFoundException("no attachment of step " + step + " of " + enterprise));
  }
}
