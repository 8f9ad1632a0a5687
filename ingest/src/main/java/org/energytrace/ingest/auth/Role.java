package org.energytrace.ingest.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The roles of the platform (docs/security.md). The wire name is the lower-case name. */
public enum Role {
  /** Runs the platform: every enterprise, every action. */
  SYSTEM_ADMIN,
  /**
   * The province's programme staff: reads every enterprise, changes none of an enterprise's own
   * data; administers the programme (registry, CP status, officers' areas).
   */
  PROVINCE_OFFICER,
  /** Reads the enterprises assigned to them, each until its assignment expires. */
  AUDITOR,
  /** Manages their own enterprise: meters, gateways, users, tokens. */
  ENTERPRISE_ADMIN,
  /** Reads their own enterprise. */
  ENTERPRISE_VIEWER,
  /** Not signed in: only what is published on the showcase. */
  ANONYMOUS,
  /**
   * A district's programme focal point (issue 16): reads the enterprises registered in their
   * districts, records their CP steps and training; nothing outside them.
   */
  DISTRICT_OFFICER,
  /** An industrial park's programme officer: as a district officer, for their parks. */
  PARK_OFFICER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWire(String s) {
    return Arrays.stream(values()).filter(r -> r.wire().equals(s)).findFirst();
  }

  /** Whether the role belongs to one enterprise (the account carries its enterprise). */
  public boolean isEnterpriseRole() {
    return this == ENTERPRISE_ADMIN || this == ENTERPRISE_VIEWER;
  }

  /**
   * Whether the role reads the enterprises of an area (districts or industrial parks) of the
   * programme registry.
   */
  public boolean isAreaRole() {
    return this == DISTRICT_OFFICER || this == PARK_OFFICER;
  }

  /**
   * Whether the role is one of the programme's officers (province, district, park): they issue API
   * tokens of their own role only, list and revoke only the tokens they issued, and their tokens
   * are read-only unless issued with a write grant (issue 16, docs/security.md).
   */
  public boolean isProgrammeOfficer() {
    return this == PROVINCE_OFFICER || isAreaRole();
  }

  /** Whether the role reads every enterprise. */
  public boolean seesAllEnterprises() {
    return this == SYSTEM_ADMIN || this == PROVINCE_OFFICER;
  }
}
