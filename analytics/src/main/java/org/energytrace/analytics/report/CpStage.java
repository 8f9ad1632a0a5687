package org.energytrace.analytics.report;

/**
 * The steps of a facility's cleaner-production lifecycle (issue 16), in order. A facility with no
 * step dated on or before a date has "not yet reached" the programme on that date; reaching a step
 * implies the earlier ones.
 */
public enum CpStage {
  /** Aware of CP; the step's detail says how (workshop, visit, material). */
  AWARE,
  /** CP potential assessed, with the answer yes or no. */
  POTENTIAL_ASSESSED,
  /** A CP assessment (the 6-step method) done. */
  ASSESSMENT_DONE,
  /** Applying CP: measures in place. */
  APPLYING,
  /** A saving verified by an auditor (the link to it is a {@link ResourceSaving}). */
  SAVINGS_VERIFIED
}
