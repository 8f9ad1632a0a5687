package org.energytrace.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.energytrace.ingest.verification.BaselineLifecycle.Decision.ALREADY;
import static org.energytrace.ingest.verification.BaselineLifecycle.Decision.APPLY;
import static org.energytrace.ingest.verification.BaselineLifecycle.Decision.REFUSE;
import static org.energytrace.ingest.verification.BaselineLifecycle.State.APPROVED;
import static org.energytrace.ingest.verification.BaselineLifecycle.State.DRAFT;
import static org.energytrace.ingest.verification.BaselineLifecycle.State.RETURNED;
import static org.energytrace.ingest.verification.BaselineLifecycle.State.SUBMITTED;
import static org.energytrace.ingest.verification.BaselineLifecycle.State.SUPERSEDED;

import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.verification.BaselineLifecycle.Step;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The lifecycle's rules (docs/verification.md §1.1), state by state and role by role. */
class BaselineLifecycleTest {

  @Nested
  class Transitions {
    @Test
    void aDraftOrAReturnedBaselineCanBeSubmittedNothingElse() {
      assertThat(BaselineLifecycle.decide(Step.SUBMIT, DRAFT)).isEqualTo(APPLY);
      assertThat(BaselineLifecycle.decide(Step.SUBMIT, RETURNED)).isEqualTo(APPLY);
      assertThat(BaselineLifecycle.decide(Step.SUBMIT, SUBMITTED)).isEqualTo(ALREADY);
      assertThat(BaselineLifecycle.decide(Step.SUBMIT, APPROVED)).isEqualTo(REFUSE);
      assertThat(BaselineLifecycle.decide(Step.SUBMIT, SUPERSEDED)).isEqualTo(REFUSE);
    }

    @Test
    void onlyASubmittedBaselineCanBeApprovedOrReturned() {
      for (Step step : new Step[] {Step.APPROVE, Step.RETURN}) {
        assertThat(BaselineLifecycle.decide(step, SUBMITTED)).isEqualTo(APPLY);
        assertThat(BaselineLifecycle.decide(step, DRAFT)).isEqualTo(REFUSE);
        assertThat(BaselineLifecycle.decide(step, SUPERSEDED)).isEqualTo(REFUSE);
      }
      assertThat(BaselineLifecycle.decide(Step.APPROVE, RETURNED)).isEqualTo(REFUSE);
      assertThat(BaselineLifecycle.decide(Step.RETURN, APPROVED)).isEqualTo(REFUSE);
    }

    @Test
    void approvingAgainChangesNothingButReturningAgainIsRefusedSoNoCommentIsLost() {
      assertThat(BaselineLifecycle.decide(Step.APPROVE, APPROVED)).isEqualTo(ALREADY);
      assertThat(BaselineLifecycle.decide(Step.RETURN, RETURNED)).isEqualTo(REFUSE);
    }

    @Test
    void aRefusalNamesTheCurrentStateAndWhatWouldBeAllowed() {
      assertThat(BaselineLifecycle.refusal(Step.SUBMIT, APPROVED, 3))
          .isEqualTo(
              "baseline version 3 is approved: only a draft or returned baseline can be submitted");
      assertThat(BaselineLifecycle.refusal(Step.APPROVE, DRAFT, 1))
          .isEqualTo("baseline version 1 is draft: only a submitted baseline can be approved");
    }
  }

  @Nested
  class Roles {
    @Test
    void theEnterpriseSubmitsButNeverApprovesOrReturns() {
      assertThat(Step.SUBMIT.allows(Role.ENTERPRISE_ADMIN)).isTrue();
      assertThat(Step.APPROVE.allows(Role.ENTERPRISE_ADMIN)).isFalse();
      assertThat(Step.RETURN.allows(Role.ENTERPRISE_ADMIN)).isFalse();
      assertThat(Step.SUBMIT.allows(Role.ENTERPRISE_VIEWER)).isFalse();
    }

    @Test
    void onlyAnAuditorApprovesNotTheSystemAdministratorAndOnlyWithAnAssignment() {
      for (Role r : Role.values()) {
        assertThat(Step.APPROVE.allows(r)).as(r.wire()).isEqualTo(r == Role.AUDITOR);
        assertThat(Step.RETURN.allows(r)).as(r.wire()).isEqualTo(r == Role.AUDITOR);
      }
      assertThat(Step.APPROVE.needsAssignment()).isTrue();
      assertThat(Step.RETURN.needsAssignment()).isTrue();
      assertThat(Step.SUBMIT.needsAssignment()).isFalse();
    }
  }
}
