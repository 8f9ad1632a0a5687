package org.energytrace.ingest.cp;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.programme.ImplementedMeasures;
import org.energytrace.ingest.tenant.Scope;

/** The options of an enterprise's CP assessments implemented by a day, for its period report. */
public final class ImplementedOptions implements ImplementedMeasures {
  private final PgCpAssessments store;

  public ImplementedOptions(PgCpAssessments store) {
    this.store = store;
  }

  @Override
  public List<Object> until(Scope scope, String enterprise, LocalDate to) {
    List<Object> out = new ArrayList<>();
    for (PgCpAssessments.Row r : store.search(scope)) {
      if (!r.enterprise().equals(enterprise) || r.implemented() == 0) {
        continue;
      }
      Object options = store.get(scope, enterprise, r.code()).get("options");
      for (Object o : (List<?>) options) {
        Map<?, ?> opt = (Map<?, ?>) o;
        Object on = opt.get("implemented_on");
        if (on == null || LocalDate.parse((String) on).isAfter(to)) {
          continue;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("assessment", r.code());
        m.put("option", opt.get("code"));
        m.put("type", opt.get("type"));
        m.put("description", opt.get("description"));
        m.put("implemented_on", on);
        m.put("investment", opt.get("investment"));
        m.put("money_saving", opt.get("money_saving"));
        out.add(m);
      }
    }
    return out;
  }
}
