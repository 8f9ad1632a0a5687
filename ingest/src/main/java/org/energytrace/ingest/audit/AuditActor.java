package org.energytrace.ingest.audit;

/**
 * Who makes a change that the audit log records: the actor, the role as the log writes it, and the
 * client address (null outside a request). Each feature's {@code Who} implements it, so its stores
 * record their changes with {@link PgAuditLog#change(java.sql.Connection, AuditActor,
 * java.time.Instant, String, String, String, String, io.vertx.core.json.JsonObject,
 * io.vertx.core.json.JsonObject)} instead of a copy of the same wrapper.
 */
public interface AuditActor {
  String subject();

  /** The role's wire name, as the audit log's {@code actor_role}. */
  String auditRole();

  String clientIp();
}
