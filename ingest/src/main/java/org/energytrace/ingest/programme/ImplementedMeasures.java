package org.energytrace.ingest.programme;

import java.time.LocalDate;
import java.util.List;
import org.energytrace.ingest.tenant.Scope;

/**
 * The CP options an enterprise implemented on or before a day, for its period report: answered by
 * the {@code cp} feature ({@code cp.ImplementedOptions}), wired in the composition root, so that
 * the programme does not import the CP assessments (which themselves feed the programme's training
 * records and lifecycle: one direction only).
 */
@FunctionalInterface
public interface ImplementedMeasures {
  /** None: for a programme without CP assessments (the demo's synthetic facilities have none). */
  ImplementedMeasures NONE = (scope, enterprise, to) -> List.of();

  /**
   * One map per implemented option: assessment, option, type, description, implemented_on,
   * investment, money_saving.
   */
  List<Object> until(Scope scope, String enterprise, LocalDate to);
}
