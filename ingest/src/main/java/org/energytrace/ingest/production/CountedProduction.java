package org.energytrace.ingest.production;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.OptionalDouble;

/**
 * The production of a product on a local day as the gateways' counters give it, for a day without
 * an entered quantity: the figure an entered quantity replaces (docs/verification.md §1.4).
 * Implemented by {@code enpi.PgEnpiData}, which derives the EnPI's daily output; an interface here
 * so that {@code production} does not import the feature built on it.
 */
@FunctionalInterface
public interface CountedProduction {
  /** The counters' figure of product {@code productId} on {@code day}; empty when incomplete. */
  OptionalDouble of(Connection c, long productId, LocalDate day) throws SQLException;

  /** No counters: every day without an entered quantity has no figure. */
  CountedProduction NONE = (c, productId, day) -> OptionalDouble.empty();
}
