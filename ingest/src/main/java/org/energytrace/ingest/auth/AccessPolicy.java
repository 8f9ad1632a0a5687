package org.energytrace.ingest.auth;

import static org.energytrace.ingest.auth.AccessPolicy.Target.BODY_ENTERPRISE;
import static org.energytrace.ingest.auth.AccessPolicy.Target.PATH_AREA;
import static org.energytrace.ingest.auth.AccessPolicy.Target.PATH_ENTERPRISE;
import static org.energytrace.ingest.auth.AccessPolicy.Target.QUARANTINE_ID;
import static org.energytrace.ingest.auth.AccessPolicy.Target.QUERY_AREA;
import static org.energytrace.ingest.auth.AccessPolicy.Target.QUERY_ENTERPRISE;
import static org.energytrace.ingest.auth.AccessPolicy.Target.SCOPED_LIST;
import static org.energytrace.ingest.auth.AccessPolicy.Target.TOKEN_ID;
import static org.energytrace.ingest.auth.Role.ANONYMOUS;
import static org.energytrace.ingest.auth.Role.AUDITOR;
import static org.energytrace.ingest.auth.Role.DISTRICT_OFFICER;
import static org.energytrace.ingest.auth.Role.ENTERPRISE_ADMIN;
import static org.energytrace.ingest.auth.Role.ENTERPRISE_VIEWER;
import static org.energytrace.ingest.auth.Role.PARK_OFFICER;
import static org.energytrace.ingest.auth.Role.PROVINCE_OFFICER;
import static org.energytrace.ingest.auth.Role.SYSTEM_ADMIN;

import java.util.EnumSet;
import java.util.HashMap;
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
    PATH_AREA,
    /**
     * A listing filtered by the principal's scope whose optional {@code district} or {@code park}
     * query parameter, when named, is checked as {@link #PATH_AREA} (an officer naming another area
     * is refused, as that area's report is, rather than answered with nothing).
     */
    QUERY_AREA
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

  /**
   * The raw data of an enterprise (its quarantined messages, tamper evidence, dossiers): its own
   * readers, its assigned auditors and the system administrator; not the programme's officers.
   */
  private static final Set<Role> OWN_DATA_READERS =
      EnumSet.of(SYSTEM_ADMIN, AUDITOR, ENTERPRISE_ADMIN, ENTERPRISE_VIEWER);

  /** A facility's programme registry entry: the same readers as its CP assessments. */
  private static final Set<Role> FACILITY_READERS = CP_READERS;

  /** An enterprise's period report: the programme's officers and the enterprise. */
  private static final Set<Role> PERIOD_REPORT_READERS =
      EnumSet.of(
          SYSTEM_ADMIN,
          PROVINCE_OFFICER,
          DISTRICT_OFFICER,
          PARK_OFFICER,
          ENTERPRISE_ADMIN,
          ENTERPRISE_VIEWER);

  /** A district's (a park's) programme report: the province and the officers of that area. */
  private static final Set<Role> DISTRICT_REPORT_READERS =
      EnumSet.of(SYSTEM_ADMIN, PROVINCE_OFFICER, DISTRICT_OFFICER);

  private static final Set<Role> PARK_REPORT_READERS =
      EnumSet.of(SYSTEM_ADMIN, PROVINCE_OFFICER, PARK_OFFICER);

  /** operationId → rule. Keep in step with docs/security.md (the isolation test compares them). */
  static final Map<String, Rule> RULES =
      new Table()
          .on(EVERYONE, SCOPED_LIST, "health", "healthLive", "healthReady", "openapi")
          // sign-in and the own account
          .on(EVERYONE, SCOPED_LIST, "login", "logout", "me")
          .on(SIGNED_IN, SCOPED_LIST, "changePassword")
          // telemetry: anonymous visitors see published sites only (scope = published sites)
          .on(READERS, SCOPED_LIST, "listMeters")
          .on(
              READERS,
              PATH_ENTERPRISE,
              "listReadings",
              "getChannelSeries",
              "listCounterEvents",
              "listCounterAnomalies")
          .on(READERS, PATH_ENTERPRISE, "listProductionCounts")
          .on(READERS, QUERY_ENTERPRISE, "live")
          // quarantine: raw messages of an enterprise, not programme data
          .on(OWN_DATA_READERS, QUERY_ENTERPRISE, "listQuarantine", "summarizeQuarantine")
          .on(ENTERPRISE_MANAGERS, QUARANTINE_ID, "reprocessQuarantined", "discardQuarantined")
          .on(ENTERPRISE_MANAGERS, QUERY_ENTERPRISE, "reprocessQuarantine", "discardQuarantine")
          // registry changes: never the province officer, auditor or viewer
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "putGateway", "putMeter", "recordCounterEvent")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "deleteCounterEvent", "publishSite")
          // what a site's showcase tells (issue 20): written by the enterprise's administrators
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "putSiteStory", "issueGatewayCredentials")
          // accounts and tokens
          .on(ENTERPRISE_MANAGERS, SCOPED_LIST, "listUsers")
          .on(ENTERPRISE_MANAGERS, BODY_ENTERPRISE, "putUser")
          // tokens: also the programme's officers, for the tokens of their own role and area that
          // their account issued (issue 16; TokenRoutes, and the gate for a token's owner)
          .on(TOKEN_ISSUERS, SCOPED_LIST, "listTokens")
          .on(TOKEN_ISSUERS, BODY_ENTERPRISE, "createToken")
          .on(TOKEN_ISSUERS, TOKEN_ID, "revokeToken")
          // the audit log: administrators, and auditors for their enterprises
          .on(EnumSet.of(SYSTEM_ADMIN, AUDITOR, ENTERPRISE_ADMIN), QUERY_ENTERPRISE, "listAudit")
          // EnPI domain, production and analytics (issue 5): programme data, never anonymous;
          // changes by the enterprise's administrators only
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "putSiteTimeZone", "putSiteTemperatureSource")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "uploadSiteTemperatures", "putMeterEnergy")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "putLine", "putProduct", "putEnpi")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "fitBaseline")
          .on(SIGNED_IN, PATH_ENTERPRISE, "listSiteTemperatures", "listEnergyMeters", "listLines")
          .on(SIGNED_IN, PATH_ENTERPRISE, "listEnpis", "getEnpi", "getEnpiSec", "exportEnpiData")
          .on(SIGNED_IN, PATH_ENTERPRISE, "listBaselines", "listEnpiVersions")
          // the baseline lifecycle (issue 15, docs/verification.md §1): the enterprise submits,
          // an auditor assigned to it approves or returns; never the enterprise itself, nor the
          // platform's administrator (verification.BaselineLifecycle re-checks the assignment)
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "submitBaseline")
          .on(EnumSet.of(AUDITOR), PATH_ENTERPRISE, "approveBaseline", "returnBaseline")
          // a period's verification (docs/verification.md §1.2): the enterprise proposes
          // adjustments, an assigned auditor decides them and signs periods off (the stores
          // re-check the assignment in the transaction)
          .on(EnumSet.of(AUDITOR), PATH_ENTERPRISE, "signOffPeriod")
          .on(SIGNED_IN, PATH_ENTERPRISE, "listSignoffs", "listAdjustments")
          .on(SIGNED_IN, PATH_ENTERPRISE, "getAdjustmentAttachment")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "proposeAdjustment")
          // meter calibration records: recorded by whoever edits the meters, read by the
          // enterprise, its assigned auditors and the programme (docs/verification.md §1.6)
          .on(SIGNED_IN, PATH_ENTERPRISE, "listCalibrations", "getCalibrationCertificate")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "recordCalibration")
          .on(EnumSet.of(AUDITOR), PATH_ENTERPRISE, "approveAdjustment", "rejectAdjustment")
          // tamper evidence (issue 15): the enterprise's own readers, its assigned auditor and
          // the system administrator; not the province (it reads verified dossiers instead)
          .on(OWN_DATA_READERS, PATH_ENTERPRISE, "checkIntegrity")
          .on(OWN_DATA_READERS, PATH_ENTERPRISE, "getDossier")
          .on(SIGNED_IN, PATH_ENTERPRISE, "getEnpiSavings", "listProduction")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "postProduction", "previewProductionUpload")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "commitProductionUpload")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "deleteProductionQuantity")
          // resources beyond metered electricity (issue 17, docs/resources.md): programme data,
          // never anonymous; declared and entered by the enterprise's administrators only
          .on(SIGNED_IN, PATH_ENTERPRISE, "listResources", "listResourceEntries")
          .on(SIGNED_IN, PATH_ENTERPRISE, "getResourceIndicator", "getResourceToe")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "putResource", "postResourceEntries")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "deleteResourceEntry")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "previewResourceUpload", "commitResourceUpload")
          // a resource's stored baselines: the lifecycle of EnPI baselines (issue 15)
          .on(SIGNED_IN, PATH_ENTERPRISE, "listResourceBaselines")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "createResourceBaseline")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "submitResourceBaseline")
          .on(EnumSet.of(AUDITOR), PATH_ENTERPRISE, "approveResourceBaseline")
          .on(EnumSet.of(AUDITOR), PATH_ENTERPRISE, "returnResourceBaseline")
          // dashboards (issue 6): the overview is programme data; the showcase of a site is public
          // once published (the handler answers 404 for a site the caller's scope does not permit)
          .on(SIGNED_IN, PATH_ENTERPRISE, "getOverview")
          .on(EVERYONE, PATH_ENTERPRISE, "getShowcase")
          // the province's CP programme (issue 16): the registry is programme administration;
          // area officers read and record CP steps and training for the facilities of their area
          // (their scope); an enterprise reads its own entry and reports its energy and savings
          .on(PROGRAMME, SCOPED_LIST, "listProgrammeFacilities")
          .on(FACILITY_READERS, PATH_ENTERPRISE, "getProgrammeFacility")
          .on(PROGRAMME_ADMIN, PATH_ENTERPRISE, "putProgrammeFacility")
          .on(PROGRAMME, PATH_ENTERPRISE, "recordCpStep", "getCpStepAttachment", "putCpOfficer")
          .on(PROGRAMME, PATH_ENTERPRISE, "recordCpTraining")
          .on(PROGRAMME_REPORTERS, PATH_ENTERPRISE, "putDeclaredEnergy", "recordProgrammeSaving")
          .on(PROGRAMME_ADMIN, SCOPED_LIST, "previewRegistryImport", "commitRegistryImport")
          .on(PROGRAMME_ADMIN, SCOPED_LIST, "putOfficerArea")
          // the programme's reporting (issue 16): periods administered by the province; each
          // enterprise writes and submits its own report, the province reopens one; the officers
          // read the reports and the status of their area (scope)
          .on(SIGNED_IN, SCOPED_LIST, "listReportingPeriods")
          .on(PROGRAMME_ADMIN, SCOPED_LIST, "createReportingPeriod", "setReportingDeadline")
          .on(PROGRAMME_ADMIN, SCOPED_LIST, "closeReportingPeriod", "sendReportingReminders")
          .on(PROGRAMME, SCOPED_LIST, "getReportingStatus", "listReportingReminders")
          .on(PROGRAMME, SCOPED_LIST, "exportProgrammeInput")
          .on(PROGRAMME, QUERY_AREA, "getProgrammeIndicators")
          .on(PERIOD_REPORT_READERS, PATH_ENTERPRISE, "getPeriodReport")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "putPeriodReportNotes", "submitPeriodReport")
          .on(PROGRAMME_ADMIN, PATH_ENTERPRISE, "reopenPeriodReport")
          // the targets the indicators compare against: read by the programme's officers, set by
          // the province (programme administration)
          .on(PROGRAMME, SCOPED_LIST, "getProgrammeTargets")
          .on(PROGRAMME_ADMIN, SCOPED_LIST, "setProgrammeTargets")
          // the reports of a period (PDF, XLSX): the province's to its staff, a district's or a
          // park's also to the officers of that area (the gate checks the area)
          .on(PROGRAMME_ADMIN, SCOPED_LIST, "getProgrammeReport")
          .on(DISTRICT_REPORT_READERS, PATH_AREA, "getProgrammeDistrictReport")
          .on(PARK_REPORT_READERS, PATH_AREA, "getProgrammeParkReport")
          // cleaner-production assessments (issue 18): the enterprise's administrators write their
          // own; its viewers and auditors, and the officers of its area, read (scope)
          .on(SIGNED_IN, SCOPED_LIST, "searchCpAssessments")
          // the measures catalogue: province-wide guidance, anonymous unless the enterprise chose
          .on(SIGNED_IN, SCOPED_LIST, "listCpCatalogue")
          // the public CP section: read by anyone, written by the province's staff
          .on(EVERYONE, SCOPED_LIST, "listCpPublic", "getCpGuidanceDocument")
          .on(PROGRAMME_ADMIN, SCOPED_LIST, "putCpPublicItem", "recordCpAttendance")
          .on(PROGRAMME_ADMIN, SCOPED_LIST, "listCpContent", "putCpGuidance")
          .on(PROGRAMME_ADMIN, SCOPED_LIST, "publishCpAchievement", "putCpPilotSite")
          .on(CP_READERS, PATH_ENTERPRISE, "getCpAssessment", "getCpReport")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "putCpAssessment", "prefillCpBalance")
          .on(ENTERPRISE_MANAGERS, PATH_ENTERPRISE, "putCpOption")
          .rules();

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

  /** The table being written: operations grouped by who may call them and how they are scoped. */
  private static final class Table {
    private final Map<String, Rule> rules = new HashMap<>();

    Table on(Set<Role> roles, Target target, String... operationIds) {
      Rule rule = new Rule(roles, target);
      for (String op : operationIds) {
        if (rules.put(op, rule) != null) {
          throw new IllegalStateException("two rules for " + op);
        }
      }
      return this;
    }

    Map<String, Rule> rules() {
      return Map.copyOf(rules);
    }
  }

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
