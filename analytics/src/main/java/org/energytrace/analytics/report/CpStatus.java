package org.energytrace.analytics.report;

/**
 * An enterprise's cleaner-production status as the province records it (Decision 1419/QĐ-TTg
 * indicators): aware of CP, applying CP, has a dedicated CP unit or officer.
 */
public record CpStatus(boolean aware, boolean applying, boolean hasCpUnit) {}
