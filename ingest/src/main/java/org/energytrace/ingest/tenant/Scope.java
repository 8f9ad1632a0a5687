package org.energytrace.ingest.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * What a principal may read: every enterprise, a set of enterprises, and (for the public showcase)
 * a set of published sites written {@code enterprise/site}. Every query of the API takes one; the
 * SQL condition and its parameters come from here so the rule is written once.
 *
 * <pre>{@code
 * "... WHERE " + Scope.SQL_SITE.formatted("e.code", "s.code") ...
 * int next = scope.bind(connection, ps, 1);
 * }</pre>
 */
public record Scope(boolean all, Set<String> enterprises, Set<String> sites) {
  /** Condition over an enterprise code column and a site code column; three parameters. */
  public static final String SQL_SITE = "(? OR %1$s = ANY(?) OR (%1$s || '/' || %2$s) = ANY(?))";

  /** Condition over an enterprise code column only; three parameters (sites never match). */
  public static final String SQL_ENTERPRISE = "(? OR %1$s = ANY(?) OR cardinality(?::text[]) < 0)";

  public static final Scope ALL = new Scope(true, Set.of(), Set.of());
  public static final Scope NONE = new Scope(false, Set.of(), Set.of());

  public Scope {
    enterprises = Set.copyOf(enterprises);
    sites = Set.copyOf(sites);
  }

  public static Scope of(Set<String> enterprises) {
    return new Scope(false, enterprises, Set.of());
  }

  public static Scope publishedSites(Set<String> sites) {
    return new Scope(false, Set.of(), sites);
  }

  /** Whether the whole enterprise may be read. */
  public boolean permits(String enterprise) {
    return all || (enterprise != null && enterprises.contains(enterprise));
  }

  /** Whether this site of this enterprise may be read. */
  public boolean permits(String enterprise, String site) {
    return permits(enterprise) || sites.contains(enterprise + "/" + site);
  }

  /** Whether anything of the enterprise may be read (the whole of it or a published site). */
  public boolean touches(String enterprise) {
    return permits(enterprise) || sites.stream().anyMatch(s -> s.startsWith(enterprise + "/"));
  }

  /** Whether this scope lets read everything {@code other} does. */
  public boolean covers(Scope other) {
    if (all) {
      return true;
    }
    if (other.all || !enterprises.containsAll(other.enterprises)) {
      return false;
    }
    for (String site : other.sites) {
      int slash = site.indexOf('/');
      if (!permits(site.substring(0, slash), site.substring(slash + 1))) {
        return false;
      }
    }
    return true;
  }

  /** What both scopes may read (a token's own scope and its issuing account's, issue 11). */
  public Scope intersect(Scope other) {
    if (all) {
      return other;
    }
    if (other.all) {
      return this;
    }
    Set<String> e = new HashSet<>(enterprises);
    e.retainAll(other.enterprises);
    Set<String> s = new HashSet<>();
    for (String site : sites) {
      if (other.permits(
          site.substring(0, site.indexOf('/')), site.substring(site.indexOf('/') + 1))) {
        s.add(site);
      }
    }
    for (String site : other.sites) {
      if (permits(site.substring(0, site.indexOf('/')), site.substring(site.indexOf('/') + 1))) {
        s.add(site);
      }
    }
    return new Scope(false, e, s);
  }

  /**
   * Binds the three parameters of {@link #SQL_SITE} or {@link #SQL_ENTERPRISE} from {@code index}.
   *
   * @return the next free parameter index
   */
  public int bind(Connection c, PreparedStatement ps, int index) throws SQLException {
    ps.setBoolean(index, all);
    ps.setArray(index + 1, c.createArrayOf("text", enterprises.toArray()));
    ps.setArray(index + 2, c.createArrayOf("text", sites.toArray()));
    return index + 3;
  }
}
