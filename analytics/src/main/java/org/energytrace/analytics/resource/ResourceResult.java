package org.energytrace.analytics.resource;

import static org.energytrace.analytics.json.Json.finiteOrNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.savings.SavingsResult;
import org.energytrace.analytics.savings.TargetProgress;
import org.energytrace.analytics.savings.Verifiability;

/**
 * One resource's indicator: SEC over the baseline and the reporting period (Σ quantity / Σ
 * production, in {@code secUnit}), the baseline model, the avoided quantity with its uncertainty
 * (in the resource's unit), its verifiability and the progress to each target.
 */
public record ResourceResult(
    Resource resource,
    String secUnit,
    double baselineSec,
    double reportingSec,
    BaselineFit fit,
    SavingsResult savings,
    Verifiability verifiability,
    List<TargetProgress> progress,
    String methodVersion) {

  public ResourceResult {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(fit, "fit");
    Objects.requireNonNull(savings, "savings");
    Objects.requireNonNull(verifiability, "verifiability");
    progress = List.copyOf(progress);
  }

  /** {resource, kind, unit, sec_unit, baseline_sec, reporting_sec, model, savings…, targets[]}. */
  public Map<String, Object> tree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", resource.id());
    m.put("name", resource.name());
    m.put("kind", resource.kind().name().toLowerCase(java.util.Locale.ROOT));
    m.put("unit", resource.unit());
    m.put("carrier", resource.carrier());
    m.put("sec_unit", secUnit);
    m.put("baseline_sec", finiteOrNull(baselineSec));
    m.put("reporting_sec", finiteOrNull(reportingSec));
    m.put("model", fit.model().form().label());
    m.put("actual", finiteOrNull(savings.actual()));
    m.put("adjusted_baseline", finiteOrNull(savings.adjustedBaseline()));
    m.put("savings", finiteOrNull(savings.savings()));
    m.put("savings_fraction", finiteOrNull(savings.savingsFraction()));
    m.put("savings_per_unit", finiteOrNull(savings.savingsPerUnit()));
    m.put("confidence", savings.uncertainty().confidence());
    m.put("savings_low", finiteOrNull(savings.uncertainty().low()));
    m.put("savings_high", finiteOrNull(savings.uncertainty().high()));
    m.put("fsu", finiteOrNull(savings.uncertainty().fsu()));
    m.put("verifiability", verifiability.tree());
    List<Object> targets =
        Json.objects(
            progress,
            (TargetProgress p, Map<String, Object> t) -> {
              t.put("target", p.target().fraction());
              t.put("id", p.target().id());
              t.put("status", p.status().name());
            });
    m.put("targets", targets);
    m.put("method_version", methodVersion);
    return m;
  }
}
