package org.energytrace.ingest.auth;

import static org.energytrace.ingest.auth.Role.ANONYMOUS;
import static org.energytrace.ingest.auth.Role.AUDITOR;
import static org.energytrace.ingest.auth.Role.DISTRICT_OFFICER;
import static org.energytrace.ingest.auth.Role.ENTERPRISE_ADMIN;
import static org.energytrace.ingest.auth.Role.ENTERPRISE_VIEWER;
import static org.energytrace.ingest.auth.Role.PARK_OFFICER;
import static org.energytrace.ingest.auth.Role.PROVINCE_OFFICER;
import static org.energytrace.ingest.auth.Role.SYSTEM_ADMIN;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The role matrix: for every operationId of {@code api/openapi.yaml}, the roles that may call it
 * and how the enterprise it touches is found. This table is the only place access is decided
 * ({@link SecurityHandler} applies it to every request); docs/security.md shows the same matrix and
 * the isolation test checks the running service against that document.
 *
 * <p>Deny by default: an operation without a rule is refused to everyone.
 */
public final class AccessPolicy {
  /** Where the enterprise a request touches comes from, and what is checked against the scope. */
  public enum Target {
    /** No enterprise, or a listing filtered by the principal's scope in the query itself. */
    SCOPED_LIST,
    /** The {@code {enterprise}} path parameter must be in scope (writes: the whole enterprise). */
    PATH_ENTERPRISE,
    /**
     * The optional {@code enterprise} query parameter must be in scope; a principal of a single
     * enterprise who names none is given their own.
     */
    QUERY_ENTERPRISE,
    /** The enterprise of the quarantined message {@code {id}}; out of scope answers 404. */
    QUARANTINE_ID,
    /** The enterprise of the API token {@code {token}}; out of scope answers 404. */
    TOKEN_ID,
    /** The {@code enterprise} field of the JSON body must be in scope (absent: global only). */
    BODY_ENTERPRISE,
    /**
     * The {@code {district}} or {@code {park}} path parameter (issue 16): every facility the
     * programme registry places there must be in scope, and there must be one (a principal who sees
     * every enterprise may name any area); otherwise 403.
     */
    PATH_AREA
  }

  /** Who may call an operation and how its enterprise is checked. */
  public record Rule(Set<Role> roles, Target target) {
    public Rule {
      roles = Set.copyOf(roles);
    }

    public boolean allows(Role role) {
      return roles.contains(role);
    }
  }

  private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
  private static final Set<Role> SIGNED_IN = EnumSet.complementOf(EnumSet.of(ANONYMOUS));
  private static final Set<Role> READERS = EnumSet.allOf(Role.class);
  private static final Set<Role> ENTERPRISE_MANAGERS = EnumSet.of(SYSTEM_ADMIN, ENTERPRISE_ADMIN);

  /** The province's programme (issue 16): its staff and the area officers (scope = area). */
  private static final Set<Role> PROGRAMME =
      EnumSet.of(SYSTEM_ADMIN, PROVINCE_OFFICER, DISTRICT_OFFICER, PARK_OFFICER);

  /**
   * Who issues API tokens: the administrators, and the programme's officers tokens of their own
   * role and area (issue 16).
   */
  private static final Set<Role> TOKEN_ISSUERS =
      EnumSet.of(SYSTEM_ADMIN, ENTERPRISE_ADMIN, PROVINCE_OFFICER, DISTRICT_OFFICER, PARK_OFFICER);

  /** Programme administration: the registry itself and the officers' areas. */
  private static final Set<Role> PROGRAMME_ADMIN = EnumSet.of(SYSTEM_ADMIN, PROVINCE_OFFICER);

  /** What the enterprise itself reports to the programme: its energy and savings. */
  private static final Set<Role> PROGRAMME_REPORTERS =
      EnumSet.of(SYSTEM_ADMIN, PROVINCE_OFFICER, ENTERPRISE_ADMIN);

  /** Who reads an enterprise's CP assessments (issue 18): everyone signed in, within scope. */
  private static final Set<Role> CP_READERS =
      EnumSet.of(
          SYSTEM_ADMIN,
          PROVINCE_OFFICER,
          DISTRICT_OFFICER,
          PARK_OFFICER,
          AUDITOR,
          ENTERPRISE_ADMIN,
          ENTERPRISE_VIEWER);

  /** operationId → rule. Keep in step with docs/security.md (the isolation test compares them). */
  static final Map<String, Rule> RULES =
      Map.ofEntries(
          Map.entry("health", new Rule(EVERYONE, Target.SCOPED_LIST)),
          Map.entry("healthLive", new Rule(EVERYONE, Target.SCOPED_LIST)),
          Map.entry("healthReady", new Rule(EVERYONE, Target.SCOPED_LIST)),
          Map.entry("openapi", new Rule(EVERYONE, Target.SCOPED_LIST)),
          // sign-in and the own account
          Map.entry("login", new Rule(EVERYONE, Target.SCOPED_LIST)),
          Map.entry("logout", new Rule(EVERYONE, Target.SCOPED_LIST)),
          Map.entry("me", new Rule(EVERYONE, Target.SCOPED_LIST)),
          Map.entry("changePassword", new Rule(SIGNED_IN, Target.SCOPED_LIST)),
          // telemetry: anonymous visitors see published sites only (scope = published sites)
          Map.entry("listMeters", new Rule(READERS, Target.SCOPED_LIST)),
          Map.entry("listReadings", new Rule(READERS, Target.PATH_ENTERPRISE)),
          Map.entry("live", new Rule(READERS, Target.QUERY_ENTERPRISE)),
          Map.entry("getChannelSeries", new Rule(READERS, Target.PATH_ENTERPRISE)),
          Map.entry("listCounterEvents", new Rule(READERS, Target.PATH_ENTERPRISE)),
          Map.entry("listProductionCounts", new Rule(READERS, Target.PATH_ENTERPRISE)),
          // quarantine: raw messages of an enterprise, not programme data
          Map.entry(
              "listQuarantine",
              new Rule(
                  EnumSet.of(SYSTEM_ADMIN, AUDITOR, ENTERPRISE_ADMIN, ENTERPRISE_VIEWER),
                  Target.QUERY_ENTERPRISE)),
          Map.entry("reprocessQuarantined", new Rule(ENTERPRISE_MANAGERS, Target.QUARANTINE_ID)),
          Map.entry("reprocessQuarantine", new Rule(ENTERPRISE_MANAGERS, Target.QUERY_ENTERPRISE)),
          Map.entry("discardQuarantined", new Rule(ENTERPRISE_MANAGERS, Target.QUARANTINE_ID)),
          // registry changes: never the province officer, auditor or viewer
          Map.entry("putGateway", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("putMeter", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("recordCounterEvent", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("deleteCounterEvent", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("publishSite", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          // what a site's showcase tells (issue 20): written by the enterprise's administrators
          Map.entry("putSiteStory", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry(
              "issueGatewayCredentials", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          // accounts and tokens
          Map.entry("listUsers", new Rule(ENTERPRISE_MANAGERS, Target.SCOPED_LIST)),
          Map.entry("putUser", new Rule(ENTERPRISE_MANAGERS, Target.BODY_ENTERPRISE)),
          // tokens: also the programme's officers, for the tokens of their own role and area that
          // their account issued (issue 16; TokenRoutes, and the gate for a token's owner)
          Map.entry("listTokens", new Rule(TOKEN_ISSUERS, Target.SCOPED_LIST)),
          Map.entry("createToken", new Rule(TOKEN_ISSUERS, Target.BODY_ENTERPRISE)),
          Map.entry("revokeToken", new Rule(TOKEN_ISSUERS, Target.TOKEN_ID)),
          // the audit log: administrators, and auditors for their enterprises
          Map.entry(
              "listAudit",
              new Rule(
                  EnumSet.of(SYSTEM_ADMIN, AUDITOR, ENTERPRISE_ADMIN), Target.QUERY_ENTERPRISE)),
          // EnPI domain, production and analytics (issue 5): programme data, never anonymous;
          // changes by the enterprise's administrators only
          Map.entry("putSiteTimeZone", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry(
              "putSiteTemperatureSource", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry(
              "uploadSiteTemperatures", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("listSiteTemperatures", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("putMeterEnergy", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("listEnergyMeters", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("putLine", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("listLines", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("putProduct", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("putEnpi", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("listEnpis", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("getEnpi", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("getEnpiSec", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("exportEnpiData", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("fitBaseline", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("listBaselines", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("listEnpiVersions", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          // the baseline lifecycle (issue 15, docs/verification.md §1): the enterprise submits,
          // an auditor assigned to it approves or returns; never the enterprise itself, nor the
          // platform's administrator (verification.BaselineLifecycle re-checks the assignment)
          Map.entry("submitBaseline", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("approveBaseline", new Rule(EnumSet.of(AUDITOR), Target.PATH_ENTERPRISE)),
          Map.entry("returnBaseline", new Rule(EnumSet.of(AUDITOR), Target.PATH_ENTERPRISE)),
          // a period's verification (docs/verification.md §1.2): the enterprise proposes
          // adjustments, an assigned auditor decides them and signs periods off (the stores
          // re-check the assignment in the transaction)
          Map.entry("signOffPeriod", new Rule(EnumSet.of(AUDITOR), Target.PATH_ENTERPRISE)),
          Map.entry("listSignoffs", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("proposeAdjustment", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("listAdjustments", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("getAdjustmentAttachment", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          // meter calibration records: recorded by whoever edits the meters, read by the
          // enterprise, its assigned auditors and the programme (docs/verification.md §1.6)
          Map.entry("listCalibrations", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("recordCalibration", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("getCalibrationCertificate", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("approveAdjustment", new Rule(EnumSet.of(AUDITOR), Target.PATH_ENTERPRISE)),
          Map.entry("rejectAdjustment", new Rule(EnumSet.of(AUDITOR), Target.PATH_ENTERPRISE)),
          // tamper evidence (issue 15): the enterprise's own readers, its assigned auditor and
          // the system administrator; not the province (it reads verified dossiers instead)
          Map.entry(
              "checkIntegrity",
              new Rule(
                  EnumSet.of(SYSTEM_ADMIN, AUDITOR, ENTERPRISE_ADMIN, ENTERPRISE_VIEWER),
                  Target.PATH_ENTERPRISE)),
          Map.entry(
              "getDossier",
              new Rule(
                  EnumSet.of(SYSTEM_ADMIN, AUDITOR, ENTERPRISE_ADMIN, ENTERPRISE_VIEWER),
                  Target.PATH_ENTERPRISE)),
          Map.entry("getEnpiSavings", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("postProduction", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("listProduction", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry(
              "previewProductionUpload", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry(
              "commitProductionUpload", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          // resources beyond metered electricity (issue 17, docs/resources.md): programme data,
          // never anonymous; declared and entered by the enterprise's administrators only
          Map.entry("listResources", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("putResource", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("postResourceEntries", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("listResourceEntries", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("getResourceIndicator", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("getResourceToe", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("previewResourceUpload", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("commitResourceUpload", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          // a resource's stored baselines: the lifecycle of EnPI baselines (issue 15)
          Map.entry("listResourceBaselines", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry(
              "createResourceBaseline", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry(
              "submitResourceBaseline", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry(
              "approveResourceBaseline", new Rule(EnumSet.of(AUDITOR), Target.PATH_ENTERPRISE)),
          Map.entry(
              "returnResourceBaseline", new Rule(EnumSet.of(AUDITOR), Target.PATH_ENTERPRISE)),
          // dashboards (issue 6): the overview is programme data; the showcase of a site is public
          // once published (the handler answers 404 for a site the caller's scope does not permit)
          Map.entry("getOverview", new Rule(SIGNED_IN, Target.PATH_ENTERPRISE)),
          Map.entry("getShowcase", new Rule(EVERYONE, Target.PATH_ENTERPRISE)),
          // the province's CP programme (issue 16): the registry is programme administration;
          // area officers read and record CP steps and training for the facilities of their area
          // (their scope); an enterprise reads its own entry and reports its energy and savings
          Map.entry("listProgrammeFacilities", new Rule(PROGRAMME, Target.SCOPED_LIST)),
          Map.entry(
              "getProgrammeFacility",
              new Rule(
                  EnumSet.of(
                      SYSTEM_ADMIN,
                      PROVINCE_OFFICER,
                      DISTRICT_OFFICER,
                      PARK_OFFICER,
                      AUDITOR,
                      ENTERPRISE_ADMIN,
                      ENTERPRISE_VIEWER),
                  Target.PATH_ENTERPRISE)),
          Map.entry("putProgrammeFacility", new Rule(PROGRAMME_ADMIN, Target.PATH_ENTERPRISE)),
          Map.entry("recordCpStep", new Rule(PROGRAMME, Target.PATH_ENTERPRISE)),
          Map.entry("getCpStepAttachment", new Rule(PROGRAMME, Target.PATH_ENTERPRISE)),
          Map.entry("putCpOfficer", new Rule(PROGRAMME, Target.PATH_ENTERPRISE)),
          Map.entry("recordCpTraining", new Rule(PROGRAMME, Target.PATH_ENTERPRISE)),
          Map.entry("putDeclaredEnergy", new Rule(PROGRAMME_REPORTERS, Target.PATH_ENTERPRISE)),
          Map.entry("recordProgrammeSaving", new Rule(PROGRAMME_REPORTERS, Target.PATH_ENTERPRISE)),
          Map.entry("previewRegistryImport", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("commitRegistryImport", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("putOfficerArea", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          // the programme's reporting (issue 16): periods administered by the province; each
          // enterprise writes and submits its own report, the province reopens one; the officers
          // read the reports and the status of their area (scope)
          Map.entry("listReportingPeriods", new Rule(SIGNED_IN, Target.SCOPED_LIST)),
          Map.entry("createReportingPeriod", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("setReportingDeadline", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("closeReportingPeriod", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("getReportingStatus", new Rule(PROGRAMME, Target.SCOPED_LIST)),
          Map.entry(
              "getPeriodReport",
              new Rule(
                  EnumSet.of(
                      SYSTEM_ADMIN,
                      PROVINCE_OFFICER,
                      DISTRICT_OFFICER,
                      PARK_OFFICER,
                      ENTERPRISE_ADMIN,
                      ENTERPRISE_VIEWER),
                  Target.PATH_ENTERPRISE)),
          Map.entry("putPeriodReportNotes", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("submitPeriodReport", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("reopenPeriodReport", new Rule(PROGRAMME_ADMIN, Target.PATH_ENTERPRISE)),
          Map.entry("listReportingReminders", new Rule(PROGRAMME, Target.SCOPED_LIST)),
          Map.entry("sendReportingReminders", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("exportProgrammeInput", new Rule(PROGRAMME, Target.SCOPED_LIST)),
          Map.entry("getProgrammeIndicators", new Rule(PROGRAMME, Target.SCOPED_LIST)),
          // the targets the indicators compare against: read by the programme's officers, set by
          // the province (programme administration)
          Map.entry("getProgrammeTargets", new Rule(PROGRAMME, Target.SCOPED_LIST)),
          Map.entry("setProgrammeTargets", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          // the reports of a period (PDF, XLSX): the province's to its staff, a district's or a
          // park's also to the officers of that area (the gate checks the area)
          Map.entry("getProgrammeReport", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry(
              "getProgrammeDistrictReport",
              new Rule(
                  EnumSet.of(SYSTEM_ADMIN, PROVINCE_OFFICER, DISTRICT_OFFICER), Target.PATH_AREA)),
          Map.entry(
              "getProgrammeParkReport",
              new Rule(EnumSet.of(SYSTEM_ADMIN, PROVINCE_OFFICER, PARK_OFFICER), Target.PATH_AREA)),
          // cleaner-production assessments (issue 18): the enterprise's administrators write their
          // own; its viewers and auditors, and the officers of its area, read (scope)
          Map.entry("searchCpAssessments", new Rule(SIGNED_IN, Target.SCOPED_LIST)),
          // the measures catalogue: province-wide guidance, anonymous unless the enterprise chose
          Map.entry("listCpCatalogue", new Rule(SIGNED_IN, Target.SCOPED_LIST)),
          // the public CP section: read by anyone, written by the province's staff
          Map.entry("listCpPublic", new Rule(EVERYONE, Target.SCOPED_LIST)),
          Map.entry("putCpPublicItem", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("recordCpAttendance", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("listCpContent", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("putCpGuidance", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("getCpGuidanceDocument", new Rule(EVERYONE, Target.SCOPED_LIST)),
          Map.entry("publishCpAchievement", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("putCpPilotSite", new Rule(PROGRAMME_ADMIN, Target.SCOPED_LIST)),
          Map.entry("getCpAssessment", new Rule(CP_READERS, Target.PATH_ENTERPRISE)),
          Map.entry("getCpReport", new Rule(CP_READERS, Target.PATH_ENTERPRISE)),
          Map.entry("putCpAssessment", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("prefillCpBalance", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)),
          Map.entry("putCpOption", new Rule(ENTERPRISE_MANAGERS, Target.PATH_ENTERPRISE)));

  /** Operations a principal who must change their initial password may still call. */
  static final Set<String> BEFORE_PASSWORD_CHANGE =
      Set.of(
          "health",
          "healthLive",
          "healthReady",
          "openapi",
          "login",
          "logout",
          "me",
          "changePassword");

  private final Map<String, Rule> rules;

  public AccessPolicy() {
    this(RULES);
  }

  AccessPolicy(Map<String, Rule> rules) {
    this.rules = Map.copyOf(rules);
  }

  public Optional<Rule> rule(String operationId) {
    return Optional.ofNullable(rules.get(operationId));
  }

  public Set<String> operationIds() {
    return rules.keySet();
  }
}
