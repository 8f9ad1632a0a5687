package org.energytrace.ingest.verification;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.energytrace.ingest.auth.Role;

/**
 * The rules of a baseline's lifecycle (docs/verification.md §1): its states, the steps between them
 * and who may take each. Pure: the store applies a step once {@link #decide} allows it.
 *
 * <pre>
 *   draft ──submit──▶ submitted ──approve──▶ approved ──(newer version approved)──▶ superseded
 *     ▲                   │
 *     └──── returned ◀──return (comments)
 *           └──submit──▶ submitted
 * </pre>
 *
 * <p>Approving and returning are an auditor's, and only of an enterprise the auditor is assigned to
 * (checked against the stored assignment by the store): never a role of the enterprise itself, and
 * not the system administrator either — the platform's operator is not independent of the platform,
 * and a saving counts for the programme only when an independent auditor has verified it (issue
 * 15).
 */
public final class BaselineLifecycle {
  private BaselineLifecycle() {}

  /** Where a baseline is. The wire name is the lower-case name. */
  public enum State {
    DRAFT,
    SUBMITTED,
    RETURNED,
    APPROVED,
    SUPERSEDED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State of(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * A step someone takes; {@link State#SUPERSEDED} is reached only as a side effect of approval.
   */
  public enum Step {
    /** The enterprise hands the baseline to its auditor, with an optional comment. */
    SUBMIT(
        "baseline.submit",
        State.SUBMITTED,
        EnumSet.of(State.DRAFT, State.RETURNED),
        EnumSet.of(Role.ENTERPRISE_ADMIN, Role.SYSTEM_ADMIN)),
    /** An assigned auditor approves it, with an opinion. */
    APPROVE(
        "baseline.approve", State.APPROVED, EnumSet.of(State.SUBMITTED), EnumSet.of(Role.AUDITOR)),
    /** An assigned auditor sends it back with comments; the enterprise may submit it again. */
    RETURN(
        "baseline.return", State.RETURNED, EnumSet.of(State.SUBMITTED), EnumSet.of(Role.AUDITOR));

    private final String action;
    private final State to;
    private final Set<State> from;
    private final Set<Role> roles;

    Step(String action, State to, Set<State> from, Set<Role> roles) {
      this.action = action;
      this.to = to;
      this.from = from;
      this.roles = roles;
    }

    /** The audit log's action. */
    public String action() {
      return action;
    }

    public State to() {
      return to;
    }

    /**
     * Whether a principal of this role may take the step at all (an auditor also needs the
     * assignment).
     */
    public boolean allows(Role role) {
      return roles.contains(role);
    }

    /** Whether the step needs an auditor's current assignment to the baseline's enterprise. */
    public boolean needsAssignment() {
      return roles.contains(Role.AUDITOR);
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a step does from a state. */
  public enum Decision {
    /** The step moves the baseline to the step's state. */
    APPLY,
    /**
     * The baseline is already where the step leads (submitted again, approved again): nothing
     * changes, so a retried request gets the same answer.
     */
    ALREADY,
    /** The step is not possible from this state (answered 409 naming the state). */
    REFUSE
  }

  public static Decision decide(Step step, State current) {
    if (step.from.contains(current)) {
      return Decision.APPLY;
    }
    // a repeated return would drop its new comments silently: refused instead
    if (current == step.to && step != Step.RETURN) {
      return Decision.ALREADY;
    }
    return Decision.REFUSE;
  }

  /** Why a step is refused from {@code current}, for the 409 answer. */
  public static String refusal(Step step, State current, int version) {
    String allowed =
        step.from.stream().map(State::wire).sorted().reduce((a, b) -> a + " or " + b).orElse("");
    return "baseline version "
        + version
        + " is "
        + current.wire()
        + ": only a "
        + allowed
        + " baseline can be "
        + switch (step) {
          case SUBMIT -> "submitted";
          case APPROVE -> "approved";
          case RETURN -> "returned";
        };
  }
}
