package org.energytrace.ingest.resource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.energytrace.analytics.resource.ResourcePeriod;
import org.energytrace.ingest.resource.PgResources.Entry;
import org.energytrace.ingest.resource.ResourceIndicators.Window;

/**
 * The money of a resource's indicator window (docs/resources.md): what its invoices state per
 * period, in total and per unit of product, and the mean price per unit of the resource.
 */
final class ResourceCost {
  private ResourceCost() {}

  @SuppressWarnings("unchecked")
  static Object costPerUnit(Object window) {
    Object c = ((Map<String, Object>) window).get("cost");
    return c == null ? null : ((Map<String, Object>) c).get("per_unit");
  }

  /**
   * The money the invoices of the window state (purchases, not the value of what was used): per
   * period the amounts of the invoices dated in it, their sum, and per unit of product the sum over
   * the production of the same periods; the mean price per unit of the resource. Null when the
   * window has no invoice. No sum across currencies; a period with an invoice without amount has no
   * amount, and then nor has the total (it would be too low).
   */
  static Map<String, Object> cost(Window w) {
    if (w.invoices().isEmpty()) {
      return null;
    }
    List<String> notes = new ArrayList<>();
    TreeSet<String> currencies = new TreeSet<>();
    w.invoices().stream()
        .filter(e -> e.currency() != null)
        .forEach(e -> currencies.add(e.currency()));
    String currency = currencies.size() == 1 ? currencies.first() : null;
    if (currencies.size() > 1) {
      notes.add("invoices in several currencies " + currencies + ": no sum");
    }
    List<Object> periods = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    double production = 0;
    boolean complete = currency != null;
    Set<Entry> placed = new HashSet<>();
    for (ResourcePeriod p : w.series().periods()) {
      BigDecimal amount = BigDecimal.ZERO;
      boolean whole = true;
      for (Entry e : w.invoices()) {
        if (!e.day().isBefore(p.from()) && !e.day().isAfter(p.to())) {
          placed.add(e);
          if (e.amount() == null) {
            whole = false;
            notes.add(
                "invoice " + e.day() + (e.ref().isEmpty() ? "" : " " + e.ref()) + ": no amount");
          } else {
            amount = amount.add(e.amount());
          }
        }
      }
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("from", p.from().toString());
      pm.put("to", p.to().toString());
      boolean known = whole && currency != null;
      pm.put("amount", known ? amount.doubleValue() : null);
      pm.put(
          "per_unit", known && p.production() > 0 ? amount.doubleValue() / p.production() : null);
      periods.add(pm);
      complete &= whole;
      total = total.add(amount);
      production += p.production();
    }
    for (Entry e : w.invoices()) {
      if (!placed.contains(e)) {
        notes.add(
            "invoice "
                + e.day()
                + (e.ref().isEmpty() ? "" : " " + e.ref())
                + ": not in a period with complete production, not counted");
      }
    }
    double quantity = 0;
    BigDecimal money = BigDecimal.ZERO;
    for (Entry e : w.invoices()) {
      if (e.amount() != null && currency != null) {
        money = money.add(e.amount());
        quantity += w.series().resource().inOwnUnit(e.quantity(), e.unit());
      }
    }
    String resourceUnit = w.series().resource().unit();
    String productUnit = w.series().productUnit();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("currency", currency);
    m.put("amount", complete ? total.doubleValue() : null);
    m.put("per_unit", complete && production > 0 ? total.doubleValue() / production : null);
    m.put("per_unit_unit", currency == null ? null : currency + "/" + productUnit);
    m.put("price", currency != null && quantity > 0 ? money.doubleValue() / quantity : null);
    m.put("price_unit", currency == null ? null : currency + "/" + resourceUnit);
    m.put("periods", periods);
    m.put("notes", notes);
    return m;
  }
}
