package org.energytrace.analytics.resource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/** The resources a site declares it tracks (issue 17: "each site declares the resources"). */
public record ResourceCatalog(List<Resource> resources) {

  public ResourceCatalog {
    resources = List.copyOf(resources);
    Set<String> ids = new HashSet<>();
    for (Resource r : resources) {
      if (!ids.add(r.id())) {
        throw new AnalyticsException(Code.INVALID_INPUT, "duplicate resource id '" + r.id() + "'");
      }
    }
  }

  public Resource resource(String id) {
    return resources.stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new AnalyticsException(
                    Code.UNKNOWN_NAME,
                    "no resource '"
                        + id
                        + "' (declared: "
                        + resources.stream().map(Resource::id).toList()
                        + ")"));
  }

  public List<Resource> ofKind(ResourceKind kind) {
    return resources.stream().filter(r -> r.kind() == kind).toList();
  }
}
