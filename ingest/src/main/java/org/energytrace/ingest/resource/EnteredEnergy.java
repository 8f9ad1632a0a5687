package org.energytrace.ingest.resource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.resource.Resource;
import org.energytrace.analytics.resource.ResourceKind;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.resource.PgResources.Declared;
import org.energytrace.ingest.resource.PgResources.Entry;
import org.energytrace.ingest.tenant.Scope;

/**
 * The energy a facility burns that no meter reads: its declared energy resources of a carrier (coal
 * by deliveries and stock counts, fuel oil by usage entries), by calendar year, as {@link
 * ResourceIndicators#toe} counts them. The programme's registry counts them beside its main meters
 * (docs/programme-reporting.md, "Key energy users"): a plant burning 4 700 t of coal a year was
 * listed well under the key-energy-user threshold from its electricity and gas alone.
 */
public final class EnteredEnergy {
  /** One year's quantity of an energy resource, in its unit, with its carrier. */
  public record Year(int year, String resource, String carrier, String unit, double amount) {}

  private final DataSource dataSource;
  private final PgResources store;
  private final ResourceIndicators indicators;

  public EnteredEnergy(DataSource dataSource) {
    this.dataSource = dataSource;
    this.store = new PgResources(dataSource);
    this.indicators = new ResourceIndicators(store, ConversionTable.bundled());
  }

  /**
   * Which of {@code enterprises} (codes) have an energy resource of a carrier and no meter: one
   * query, so that a registry of many facilities asks {@link #of} only of those.
   */
  public Set<String> holders(Collection<String> enterprises) {
    if (enterprises.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        Sql.list(
            dataSource,
            "finding energy resources without a meter",
            "SELECT DISTINCT e.code FROM resource r JOIN enterprise e USING (enterprise_id)"
                + " WHERE e.code = ANY(?) AND r.kind = 'energy' AND r.carrier IS NOT NULL"
                + " AND r.meter_id IS NULL",
            ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", enterprises.toArray())),
            rs -> rs.getString(1)));
  }

  /**
   * Each year from the first entry's to the last's of every energy resource of {@code enterprise}
   * that has a carrier and no meter; a year whose quantity cannot be told (a stock ledger with a
   * period used below zero) or is not positive is left out.
   */
  public List<Year> of(Scope scope, String enterprise) {
    List<Year> out = new ArrayList<>();
    for (Declared d : unmetered(scope, enterprise)) {
      List<Entry> all = store.entries(d, LocalDate.of(2000, 1, 1), LocalDate.of(2100, 12, 31));
      if (all.isEmpty()) {
        continue;
      }
      int first = all.get(0).day().getYear();
      int last = all.get(all.size() - 1).day().getYear();
      for (int y = first; y <= last; y++) {
        add(out, d, y, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
      }
    }
    return out;
  }

  /**
   * The quantity of each such resource from {@code from} to {@code to} (one year's days: a
   * half-year's report), as {@link #of} counts a year; {@code year} is that of {@code from}.
   */
  public List<Year> between(Scope scope, String enterprise, LocalDate from, LocalDate to) {
    List<Year> out = new ArrayList<>();
    for (Declared d : unmetered(scope, enterprise)) {
      add(out, d, from.getYear(), from, to);
    }
    return out;
  }

  /** The energy resources of {@code enterprise} with a carrier and no meter. */
  private List<Declared> unmetered(Scope scope, String enterprise) {
    List<Declared> out = new ArrayList<>();
    for (Declared d : store.list(scope, enterprise)) {
      Resource r = d.resource();
      if (!d.metered() && r.kind() == ResourceKind.ENERGY && r.carrier() != null) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Adds the quantity of {@code d} from {@code from} to {@code to} when it can be told and is
   * positive.
   */
  private void add(List<Year> out, Declared d, int year, LocalDate from, LocalDate to) {
    double total;
    try {
      total = indicators.entered(d, from, to, new ArrayList<>()).total();
    } catch (AnalyticsException e) {
      return;
    }
    if (total > 0 && Double.isFinite(total)) {
      Resource r = d.resource();
      out.add(new Year(year, r.id(), r.carrier(), r.unit(), total));
    }
  }
}
